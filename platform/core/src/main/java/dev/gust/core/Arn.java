package dev.gust.core;

import java.util.Optional;

/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account:resource}. The resource part
 * keeps its colons and slashes as they were.
 */
public record Arn(
    String partition, String service, String region, String account, String resource) {

  /** Parses a full ARN, or returns empty if the text has fewer than six colon-separated parts. */
  public static Optional<Arn> parse(String text) {
    String[] parts = text.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn")) {
      return Optional.empty();
    }
    return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
  }

  @Override
  public String toString() {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
  }
}
