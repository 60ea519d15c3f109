package dev.gust.worker;

/**
 * A new execution environment was needed and was refused: the function's scaling rate is spent, or
 * no worker has the memory for it. The invocation may be retried later.
 */
public final class CapacityException extends RuntimeException {

  /** Why the environment was refused. */
  public enum Reason {
    /** More new environments than the function's scaling rate allows. */
    SCALING_RATE,
    /** No worker has the memory for another environment of this size. */
    MEMORY
  }

  private final Reason reason;

  public CapacityException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
