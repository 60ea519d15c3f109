package dev.gust.worker;

/** No environment could be started; {@link #failure} is what the invocation reports. */
public final class EnvironmentStartException extends RuntimeException {

  private final InvokeOutcome.SandboxFailed failure;

  public EnvironmentStartException(InvokeOutcome.SandboxFailed failure, Throwable cause) {
    super(failure.message(), cause);
    this.failure = failure;
  }

  public InvokeOutcome.SandboxFailed failure() {
    return failure;
  }
}
