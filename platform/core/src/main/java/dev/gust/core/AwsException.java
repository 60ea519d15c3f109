package dev.gust.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error that is reported to the client in AWS's shape for the request's protocol. Components
 * throw it for every failure the caller should see; anything else escaping a handler is a bug and
 * is reported as a {@code ServiceException}.
 */
public final class AwsException extends RuntimeException {

  private final ErrorType type;
  private final Map<String, String> fields;

  public AwsException(ErrorType type, String message) {
    this(type, message, Map.of());
  }

  private AwsException(ErrorType type, String message, Map<String, String> fields) {
    super(message, null, false, false);
    this.type = Objects.requireNonNull(type, "type");
    this.fields = fields;
  }

  public ErrorType type() {
    return type;
  }

  /**
   * Members of the error body beyond the type and message that this error type carries on the wire,
   * such as the {@code Reason} of Lambda's {@code TooManyRequestsException}.
   */
  public Map<String, String> fields() {
    return fields;
  }

  /** This error with one more body member. */
  public AwsException with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(fields);
    more.put(name, value);
    return new AwsException(type, getMessage(), Map.copyOf(more));
  }

  @Override
  public String toString() {
    return type.code() + ": " + getMessage();
  }
}
