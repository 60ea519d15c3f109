package dev.gust.runtimes;

/** What a runtime reported for an invocation, as the Runtime API carries it. */
public sealed interface RuntimeOutcome {

  /** {@code POST /runtime/invocation/{id}/response}: the function's result. */
  record Success(byte[] payload) implements RuntimeOutcome {}

  /**
   * {@code POST /runtime/invocation/{id}/error}, a streamed response ending in error trailers, or a
   * response the platform refused (too large): the error type and its JSON body.
   */
  record FunctionError(String errorType, byte[] body) implements RuntimeOutcome {}

  /** {@code POST /runtime/init/error}: the runtime or the function's init code failed. */
  record InitError(String errorType, byte[] body) implements RuntimeOutcome {}
}
