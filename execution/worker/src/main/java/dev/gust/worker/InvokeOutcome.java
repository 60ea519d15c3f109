package dev.gust.worker;

/** How one invocation ended, from the caller's point of view. */
public sealed interface InvokeOutcome {

  /** The function returned; {@code payload} is its JSON result. */
  record Ok(byte[] payload) implements InvokeOutcome {}

  /** The function raised or reported an error: Lambda's {@code X-Amz-Function-Error} case. */
  record FunctionError(String errorType, byte[] body) implements InvokeOutcome {}

  /** The function did not answer within its timeout; its environment was destroyed. */
  record TimedOut(int timeoutSeconds) implements InvokeOutcome {}

  /** The environment could not be initialized (init error, crash during init). */
  record InitFailed(String errorType, byte[] body) implements InvokeOutcome {}

  /** The sandbox died while the function ran, or could not be started at all. */
  record SandboxFailed(String errorType, String message) implements InvokeOutcome {}
}
