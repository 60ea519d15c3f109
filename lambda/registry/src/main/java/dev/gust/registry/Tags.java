package dev.gust.registry;

import dev.gust.core.Arn;
import dev.gust.core.Violations;
import java.util.Map;
import java.util.Optional;

/** Lambda's rules for resource tags and for the ARNs that can carry them. */
final class Tags {

  static final int MAX_TAGS = 50;

  private Tags() {}

  static void check(Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "A resource can have at most %d tags; the request would give it %d.",
          MAX_TAGS, tags.size());
    }
    Violations violations = new Violations();
    tags.forEach(
        (key, value) -> {
          violations.length("tags.key", key, 1, 128);
          violations.length("tags.value", value, 0, 256);
        });
    violations.throwIfAny();
    for (String key : tags.keySet()) {
      if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        throw LambdaErrors.INVALID_PARAMETER.exception(
            "Tag keys starting with 'aws:' are reserved for AWS use: %s", key);
      }
    }
  }

  /** The function a taggable ARN names; only unqualified function ARNs carry tags in Gust. */
  static FunctionRef functionOf(String resourceArn) {
    Optional<Arn> arn = Arn.parse(resourceArn).filter(a -> a.service().equals("lambda"));
    if (arn.isEmpty() || !arn.get().resource().startsWith("function:")) {
      Violations violations = new Violations();
      violations.add(
          "resource",
          resourceArn,
          "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?)");
      violations.throwIfAny();
    }
    FunctionRef ref = FunctionRef.parse(resourceArn, Optional.empty(), 256);
    if (ref.qualifier().isPresent()) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Tags are supported on unqualified function ARNs only: %s", resourceArn);
    }
    return ref;
  }
}
