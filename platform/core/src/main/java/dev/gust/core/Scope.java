package dev.gust.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The account and region a request acts in. Every stored resource belongs to exactly one scope, as
 * on AWS, where a function created in one region is invisible from another.
 */
public record Scope(String account, String region) {

  /** The account id Gust uses for every caller until accounts exist. */
  public static final String DEFAULT_ACCOUNT = "000000000000";

  /** The region of requests that do not name one. */
  public static final String DEFAULT_REGION = "us-east-1";

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

  public Scope {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(region, "region");
  }

  public static Scope defaultScope() {
    return new Scope(DEFAULT_ACCOUNT, DEFAULT_REGION);
  }

  /** Whether the text has the shape of an AWS region name, such as {@code eu-west-1}. */
  public static boolean isRegionName(String text) {
    return REGION.matcher(text).matches();
  }

  /** The ARN of a resource of the given service in this scope. */
  public Arn arn(String service, String resource) {
    return new Arn("aws", service, region, account, resource);
  }
}
