package dev.gust.async;

import dev.gust.core.Scope;
import dev.gust.core.StateMachine;
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
 * @param stage where the event is in its lifecycle; only waiting stages are stored
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
    int lineage,
    Stage stage) {

  /**
   * An event's lifecycle: it waits in its function's lane ({@code QUEUED}, or {@code RETRYING}
   * after a function error), runs one attempt at a time, and ends once: {@code SUCCEEDED}, {@code
   * FAILED} (retries or maximum age exhausted, or a recursive loop stopped; its record goes to the
   * on-failure destination or dead-letter queue) or {@code DROPPED} (its function is gone). A
   * throttled attempt, or one cut short by the node stopping, sends it back to the stage it waited
   * in.
   */
  enum Stage {
    QUEUED,
    RETRYING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    DROPPED;

    static final StateMachine<Stage> TRANSITIONS =
        StateMachine.declare("asynchronous event", Stage.class)
            .on("attempt", QUEUED, RUNNING)
            .on("attempt", RETRYING, RUNNING)
            .on("throttled", RUNNING, QUEUED)
            .on("function error", RUNNING, RETRYING)
            .on("succeeded", RUNNING, SUCCEEDED)
            .on("exhausted", RUNNING, FAILED)
            .on("function gone", RUNNING, DROPPED)
            .build();
  }

  /** An event waiting for its next attempt: queued if it never ran, else retrying. */
  AsyncEvent(
      String requestId,
      Scope scope,
      String functionName,
      Optional<String> qualifier,
      byte[] payload,
      Instant received,
      int attempts,
      Instant due,
      int lineage) {
    this(
        requestId,
        scope,
        functionName,
        qualifier,
        payload,
        received,
        attempts,
        due,
        lineage,
        attempts == 0 ? Stage.QUEUED : Stage.RETRYING);
  }

  /** This event in stage {@code next}, a move its lifecycle declares. */
  AsyncEvent moveTo(Stage next) {
    return new AsyncEvent(
        requestId,
        scope,
        functionName,
        qualifier,
        payload,
        received,
        attempts,
        due,
        lineage,
        Stage.TRANSITIONS.move(stage, next));
  }

  /** The qualifier the event's configuration is stored under. */
  String configQualifier() {
    return qualifier.orElse("$LATEST");
  }

  /** The function's lane: events of one function share its concurrency. */
  String lane() {
    return scope.account() + ":" + scope.region() + ":" + functionName;
  }

  /** The event after one more invocation, next tried at {@code next}; the stage is unchanged. */
  AsyncEvent invokedAgainAt(Instant next) {
    return new AsyncEvent(
        requestId,
        scope,
        functionName,
        qualifier,
        payload,
        received,
        attempts + 1,
        next,
        lineage,
        stage);
  }
}
