package dev.gust.sandbox;

/** A sandbox could not be started or controlled. */
public final class SandboxException extends RuntimeException {

  public SandboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
