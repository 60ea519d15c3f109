package dev.gust.invoke;

import dev.gust.worker.CapacityException;
import dev.gust.worker.Dispatched;
import dev.gust.worker.InvokeOutcome;
import java.time.Instant;

/**
 * How a request to the invoke path ended: the function ran, or the invoke path refused to run it. A
 * function that ran may still have failed, timed out or lost its sandbox; {@link Ran#outcome} says
 * which. Callers switch over the cases: the Lambda API maps each refusal to Lambda's error, the
 * asynchronous path to a retry or a drop.
 */
public sealed interface InvokeResult {

  /** The invocation reached an environment; {@code dispatched} says how it went. */
  record Ran(InvokePath.Target target, Dispatched dispatched) implements InvokeResult {

    /** How the function ended: returned, raised, timed out, failed to initialize, crashed. */
    public InvokeOutcome outcome() {
      return dispatched.invoked().outcome();
    }

    /**
     * The payload the invocation answers with: the function's result, or for a failed invocation
     * the error document Lambda returns ({@code errorType}, {@code errorMessage}).
     *
     * @param now when the answer is given, which the message of a timeout carries
     */
    public byte[] payload(String requestId, Instant now) {
      return ResponsePayload.of(outcome(), requestId, now);
    }
  }

  /** Refused before it ran: nothing was invoked, and the same request may succeed later. */
  sealed interface Refusal extends InvokeResult {}

  /** The counting service refused it: a concurrency limit is reached. */
  record Throttled(ThrottleReason reason) implements Refusal {}

  /**
   * The worker manager refused the new environment it needed: the function's scaling rate is spent
   * or no worker has the memory.
   *
   * @param message what was exhausted, for the caller
   */
  record NoCapacity(CapacityException.Reason reason, String message) implements Refusal {}

  /** The function is still being created (state {@code Pending}). */
  record Pending() implements Refusal, Resolution {}

  /**
   * The function, or the version or alias the request names, does not exist.
   *
   * @param arn the ARN of what is missing: the function's, or the qualified one
   */
  record NotFound(String arn) implements Refusal, Resolution {}
}
