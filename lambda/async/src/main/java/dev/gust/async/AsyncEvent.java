package dev.gust.async;

import dev.gust.core.Scope;
import java.time.Instant;
import java.util.Optional;

/**
 * An accepted asynchronous invocation: what was invoked, with what, and how far its processing got.
 *
 * @param requestId the request id the caller got back, kept by every attempt
 * @param scope the account and region of the function
 * @param qualifier the version or alias invoked; empty for the unqualified function ($LATEST)
 * @param received when the event was accepted, from which its age counts
 * @param attempts times the function was invoked with it ({@code approximateInvokeCount}); all but
 *     the first were retries after a function error
 * @param due when the next attempt may run
 * @param lineage asynchronous hops through functions that led to this event
 */
record AsyncEvent(
    String requestId,
    Scope scope,
    String functionName,
    Optional<String> qualifier,
    byte[] payload,
    Instant received,
    int attempts,
    Instant due,
    int lineage) {

  /** The qualifier the event's configuration is stored under. */
  String configQualifier() {
    return qualifier.orElse("$LATEST");
  }

  /** The function's lane: events of one function share its concurrency. */
  String lane() {
    return scope.account() + ":" + scope.region() + ":" + functionName;
  }

  /** The event after one more invocation, next tried at {@code next}. */
  AsyncEvent invokedAgainAt(Instant next) {
    return new AsyncEvent(
        requestId, scope, functionName, qualifier, payload, received, attempts + 1, next, lineage);
  }
}
