package dev.gust.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The constraint violations found in one request, worded as AWS words them: {@code 1 validation
 * error detected: Value 'x' at 'functionName' failed to satisfy constraint: Member must have length
 * less than or equal to 64}, several joined by {@code "; "}.
 */
public final class Violations {

  private final List<String> messages = new ArrayList<>();

  /** A member that breaks {@code constraint}; the value is quoted as AWS quotes it. */
  public void add(String path, Object value, String constraint) {
    messages.add(
        "Value '"
            + describe(value)
            + "' at '"
            + path
            + "' failed to satisfy constraint: "
            + constraint);
  }

  /** A required member that is absent. */
  public void missing(String path) {
    messages.add(
        "Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
  }

  public int size() {
    return messages.size();
  }

  public boolean isEmpty() {
    return messages.isEmpty();
  }

  /** The message naming every violation. */
  public String message() {
    String count =
        messages.size() == 1
            ? "1 validation error detected: "
            : messages.size() + " validation errors detected: ";
    return count + String.join("; ", messages);
  }

  private static String describe(Object value) {
    return value instanceof byte[] bytes ? "byte[" + bytes.length + "]" : String.valueOf(value);
  }
}
