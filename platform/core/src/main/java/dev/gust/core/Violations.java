package dev.gust.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects violations of an AWS API model's constraints (lengths, ranges, patterns, enums) and
 * reports them all at once, worded as AWS words a {@code ValidationException}. The Lambda API
 * checks a request's shape with it and the registry its settings, so both word a violation alike.
 */
public final class Violations {

  /** AWS's error for requests that break the model's constraints. */
  public static final ErrorType VALIDATION = ErrorType.user("ValidationException", 400);

  private final List<String> messages = new ArrayList<>();

  /** A value the model requires is absent. */
  public void required(String field, Object value) {
    if (value == null) {
      missing(field);
    }
  }

  /** A member the model requires is absent. */
  public void missing(String field) {
    messages.add(
        "Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
  }

  /** A string outside its length bounds. */
  public void length(String field, String value, int min, int max) {
    if (value != null) {
      length(field, value, value.length(), min, max);
    }
  }

  /** A string, list, map or blob whose length {@code size} is outside its bounds. */
  public void length(String field, Object value, int size, int min, int max) {
    if (size > max) {
      add(field, value, "Member must have length less than or equal to " + max);
    } else if (size < min) {
      add(field, value, "Member must have length greater than or equal to " + min);
    }
  }

  /** A string that does not match its pattern. */
  public void pattern(String field, String value, Pattern pattern) {
    if (value != null && !pattern.matcher(value).matches()) {
      add(field, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
  }

  /** A number outside its bounds. */
  public void range(String field, Number value, long min, long max) {
    if (value == null) {
      return;
    }
    if (value.doubleValue() > max) {
      add(field, value, "Member must have value less than or equal to " + max);
    } else if (value.doubleValue() < min) {
      add(field, value, "Member must have value greater than or equal to " + min);
    }
  }

  /** A value that is not one of its enum's. */
  public void oneOf(String field, String value, Collection<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      add(field, value, "Member must satisfy enum value set: " + allowed);
    }
  }

  /** Any other constraint {@code value} breaks. */
  public void add(String field, Object value, String constraint) {
    String shown =
        value instanceof byte[] bytes ? "byte[" + bytes.length + "]" : String.valueOf(value);
    messages.add(
        "Value '" + shown + "' at '" + field + "' failed to satisfy constraint: " + constraint);
  }

  public int size() {
    return messages.size();
  }

  public boolean isEmpty() {
    return messages.isEmpty();
  }

  /** The message naming every violation, as AWS words it. */
  public String message() {
    String count =
        messages.size() == 1
            ? "1 validation error detected: "
            : messages.size() + " validation errors detected: ";
    return count + String.join("; ", messages);
  }

  /** Throws a {@code ValidationException} naming every violation, if there is any. */
  public void throwIfAny() {
    if (!messages.isEmpty()) {
      throw exception();
    }
  }

  private AwsException exception() {
    return VALIDATION.exception(message());
  }
}
