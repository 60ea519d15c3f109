package dev.gust.invoke;

/** The asynchronous path as the Invoke API hands events to it ({@code InvocationType: Event}). */
public interface EventInvocations {

  /** Lambda's asynchronous request payload limit (1 MB). */
  long MAX_EVENT_PAYLOAD = 1_048_576L;

  /**
   * Accepts an event for the function version or alias {@code target} names; returns once the event
   * is durably stored, so that it is processed even if the node stops right after.
   *
   * @param target what the caller invoked, resolved now (it exists and is active)
   * @param payload the event, a JSON document of at most {@link #MAX_EVENT_PAYLOAD} bytes
   * @param requestId the invocation's request id, which every attempt of the event keeps
   * @param lineage how many asynchronous hops through functions led to this event ({@link Lineage})
   */
  void accept(InvokePath.Target target, byte[] payload, String requestId, int lineage);
}
