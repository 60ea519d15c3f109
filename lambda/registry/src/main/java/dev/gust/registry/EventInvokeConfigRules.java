package dev.gust.registry;

import dev.gust.core.Arn;
import dev.gust.core.AwsException;
import dev.gust.core.Scope;
import dev.gust.core.Violations;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's rules for asynchronous invocation configurations: the model's constraints on each
 * setting, what a configuration may be put on, and which destinations it may name. The error types
 * and messages are AWS's; the exception is S3 bucket destinations, which AWS accepts on failure and
 * Gust cannot deliver to yet.
 */
final class EventInvokeConfigRules {

  static final String NO_SETTINGS =
      "You must specify at least one of error handling or destination setting.";
  static final String FUNCTION_MISSING = "The function doesn't exist.";
  static final Pattern DESTINATION =
      Pattern.compile(
          "^$|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1})?"
              + ":(\\d{12})?:(.*)");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern FUNCTION_RESOURCE =
      Pattern.compile("function:([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
  private static final Pattern QUEUE_OR_TOPIC = Pattern.compile("[a-zA-Z0-9_.-]+");
  private static final Pattern EVENT_BUS = Pattern.compile("event-bus/[a-zA-Z0-9._\\-/]+");
  private static final int MAX_DESTINATION = 350;

  private EventInvokeConfigRules() {}

  /**
   * Checks the model's constraints ({@code ValidationException}, all violations at once), then that
   * the request sets something at all.
   */
  static void check(EventInvokeConfigRegistry.Settings settings) {
    Violations v = new Violations();
    settings.maximumRetryAttempts().ifPresent(n -> v.range("maximumRetryAttempts", n, 0, 2));
    settings
        .maximumEventAgeInSeconds()
        .ifPresent(n -> v.range("maximumEventAgeInSeconds", n, 60, 21_600));
    settings
        .destinationConfig()
        .ifPresent(
            d -> {
              d.onSuccess().ifPresent(t -> destination(v, "onSuccess", t));
              d.onFailure().ifPresent(t -> destination(v, "onFailure", t));
            });
    v.throwIfAny();
    if (settings.maximumRetryAttempts().isEmpty()
        && settings.maximumEventAgeInSeconds().isEmpty()
        && settings.destinationConfig().isEmpty()) {
      throw LambdaErrors.INVALID_PARAMETER.exception(NO_SETTINGS);
    }
  }

  /** The qualifier a reference configures: its own, or {@code $LATEST} when it has none. */
  static String qualifierOf(FunctionRef ref) {
    return ref.qualifier().orElse(FunctionVersion.LATEST);
  }

  /** Fails with AWS's {@code ResourceNotFoundException} unless the function and qualifier exist. */
  static void requireTarget(FunctionStore store, String name, String qualifier)
      throws SQLException {
    boolean exists =
        store.find(name).isPresent()
            && (qualifier.equals(FunctionVersion.LATEST)
                || (ProvisionedRules.isVersion(qualifier)
                    ? store.version(name, Long.parseLong(qualifier)).isPresent()
                    : store.alias(name, qualifier).isPresent()));
    if (!exists) {
      throw LambdaErrors.NOT_FOUND.exception(FUNCTION_MISSING);
    }
  }

  /** AWS's answer when a version or alias has no configuration, or the function does not exist. */
  static AwsException noConfig(Scope scope, String name, String qualifier) {
    return LambdaErrors.NOT_FOUND.exception(
        "The function %s doesn't have an EventInvokeConfig", Arns.function(scope, name, qualifier));
  }

  /**
   * Checks that each destination is a queue, topic, event bus or another existing function: the
   * on-failure destination first, as AWS does.
   */
  static void checkDestinations(
      FunctionStore store, String name, EventInvokeConfigRegistry.Destinations d)
      throws SQLException {
    for (Optional<String> target : List.of(d.onFailure(), d.onSuccess())) {
      if (target.isPresent() && !acceptable(store, name, target.get())) {
        throw LambdaErrors.INVALID_PARAMETER.exception(
            "The provided destination config DestinationConfig(onSuccess=%s, onFailure=%s) is"
                + " invalid.",
            d.onSuccess().map(t -> "OnSuccess(destination=" + t + ")").orElse("null"),
            d.onFailure().map(t -> "OnFailure(destination=" + t + ")").orElse("null"));
      }
    }
  }

  /** Whether {@code arn} names an SQS queue or an SNS topic, in a region and a 12-digit account. */
  static boolean isQueueOrTopic(Arn arn) {
    return (arn.service().equals("sqs") || arn.service().equals("sns"))
        && located(arn)
        && QUEUE_OR_TOPIC.matcher(arn.resource()).matches();
  }

  private static boolean located(Arn arn) {
    return !arn.region().isEmpty() && ACCOUNT.matcher(arn.account()).matches();
  }

  /** Whether the destination has a supported service and shape; fails on a bad function. */
  private static boolean acceptable(FunctionStore store, String name, String target)
      throws SQLException {
    Optional<Arn> parsed = Arn.parse(target);
    if (parsed.isEmpty()) {
      return false;
    }
    Arn arn = parsed.get();
    boolean located = located(arn);
    return switch (arn.service()) {
      case "sqs", "sns" -> isQueueOrTopic(arn);
      case "events" -> located && EVENT_BUS.matcher(arn.resource()).matches();
      case "lambda" -> {
        checkFunction(store, name, target, arn, located);
        yield true;
      }
      case "s3" ->
          throw LambdaErrors.INVALID_PARAMETER.exception(
              "Gust does not support S3 bucket destinations yet: %s", target);
      default -> false;
    };
  }

  private static void checkFunction(
      FunctionStore store, String name, String target, Arn arn, boolean located)
      throws SQLException {
    Matcher resource = FUNCTION_RESOURCE.matcher(arn.resource());
    if (!located || !resource.matches()) {
      throw invalidDestination(target);
    }
    Scope scope = new Scope(arn.account(), arn.region());
    String destination = resource.group(1);
    if (store.in(scope).find(destination).isEmpty()) {
      throw invalidDestination(target);
    }
    if (scope.equals(store.scope()) && destination.equals(name)) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "You can't specify the function as a destination for itself.");
    }
  }

  private static AwsException invalidDestination(String target) {
    return LambdaErrors.INVALID_PARAMETER.exception("The destination ARN %s is invalid.", target);
  }

  private static void destination(Violations v, String member, String target) {
    String field = "destinationConfig." + member + ".destination";
    v.length(field, target, 0, MAX_DESTINATION);
    v.pattern(field, target, DESTINATION);
  }
}
