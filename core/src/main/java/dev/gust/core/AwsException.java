package dev.gust.core;

import java.util.Objects;

/**
 * An error that is reported to the client in AWS's shape for the request's protocol. Components
 * throw it for every failure the caller should see; anything else escaping a handler is a bug and
 * is reported as a {@code ServiceException}.
 */
public final class AwsException extends RuntimeException {

  private final ErrorType type;

  public AwsException(ErrorType type, String message) {
    super(message, null, false, false);
    this.type = Objects.requireNonNull(type, "type");
  }

  public ErrorType type() {
    return type;
  }

  @Override
  public String toString() {
    return type.code() + ": " + getMessage();
  }
}
