package dev.gust.core;

import java.util.Objects;

/**
 * An AWS error type as it appears on the wire: the code clients switch on (for example {@code
 * ResourceNotFoundException}), the HTTP status it travels with, and whether the caller or the
 * service is at fault.
 */
public record ErrorType(String code, int status, Fault fault) {

  /** Who is to blame for an error; REST-JSON bodies carry it as {@code "Type"}. */
  public enum Fault {
    USER("User"),
    SERVICE("Service");

    private final String wireName;

    Fault(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public ErrorType {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(fault, "fault");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("error status must be 4xx or 5xx: " + status);
    }
  }

  /** A client error: the request was wrong and retrying it unchanged will fail again. */
  public static ErrorType user(String code, int status) {
    return new ErrorType(code, status, Fault.USER);
  }

  /** A service error: the request may succeed later. */
  public static ErrorType service(String code, int status) {
    return new ErrorType(code, status, Fault.SERVICE);
  }

  /** Raises this error with the given message. */
  public AwsException exception(String message) {
    return new AwsException(this, message);
  }

  /** Raises this error with a message built by {@link String#format}. */
  public AwsException exception(String format, Object... args) {
    return new AwsException(this, String.format(format, args));
  }
}
