package dev.gust.registry;

import dev.gust.core.AwsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects violations of the Lambda API model's constraints (lengths, ranges, patterns, enums) and
 * reports them all at once, worded as AWS words a {@code ValidationException}.
 */
final class Violations {

  private final List<String> messages = new ArrayList<>();

  void required(String field, Object value) {
    if (value == null) {
      messages.add(
          "Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
    }
  }

  void length(String field, String value, int min, int max) {
    if (value == null) {
      return;
    }
    if (value.length() > max) {
      add(field, value, "Member must have length less than or equal to " + max);
    } else if (value.length() < min) {
      add(field, value, "Member must have length greater than or equal to " + min);
    }
  }

  void pattern(String field, String value, Pattern pattern) {
    if (value != null && !pattern.matcher(value).matches()) {
      add(field, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
  }

  void range(String field, Number value, long min, long max) {
    if (value == null) {
      return;
    }
    if (value.doubleValue() > max) {
      add(field, value, "Member must have value less than or equal to " + max);
    } else if (value.doubleValue() < min) {
      add(field, value, "Member must have value greater than or equal to " + min);
    }
  }

  void oneOf(String field, String value, Collection<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      add(field, value, "Member must satisfy enum value set: " + allowed);
    }
  }

  void add(String field, Object value, String constraint) {
    messages.add(
        "Value '" + value + "' at '" + field + "' failed to satisfy constraint: " + constraint);
  }

  /** Throws a {@code ValidationException} naming every violation, if there is any. */
  void throwIfAny() {
    if (!messages.isEmpty()) {
      throw exception();
    }
  }

  private AwsException exception() {
    String count =
        messages.size() == 1
            ? "1 validation error detected: "
            : messages.size() + " validation errors detected: ";
    return LambdaErrors.VALIDATION.exception(count + String.join("; ", messages));
  }
}
