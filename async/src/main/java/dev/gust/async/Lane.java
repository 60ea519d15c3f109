package dev.gust.async;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The events of one function that are due, and how many of them may run at once. While events wait,
 * the window grows by one each time a window's worth of attempts ended without a throttle, and it
 * halves when one is throttled (additive increase, multiplicative decrease): a backlog scales out
 * to the concurrency the function has, a few environments per round, without hammering a limit.
 */
final class Lane {

  static final int INITIAL_WINDOW = 10;
  static final int MAX_WINDOW = 1_000;

  private final Deque<AsyncEvent> ready = new ArrayDeque<>();
  private int inflight;
  private int window = INITIAL_WINDOW;
  private int unthrottled;
  private int cap = MAX_WINDOW;

  synchronized void offer(AsyncEvent event) {
    ready.addLast(event);
  }

  /** The next event to run, if one is due and the window has room; it then counts as running. */
  synchronized Optional<AsyncEvent> next() {
    if (inflight >= Math.min(window, cap) || ready.isEmpty()) {
      return Optional.empty();
    }
    inflight++;
    return Optional.of(ready.pollFirst());
  }

  /** An attempt has ended; {@code throttled} if the function had no concurrency for it. */
  synchronized void done(boolean throttled) {
    inflight--;
    if (throttled) {
      window = Math.max(1, window / 2);
      unthrottled = 0;
    } else if (!ready.isEmpty() && ++unthrottled >= window) {
      window = Math.min(MAX_WINDOW, window + 1);
      unthrottled = 0;
    }
  }

  /**
   * Caps how many events run at once at the function's reserved concurrency, so that a backlog does
   * not throttle itself; without a reservation only the window limits it.
   */
  synchronized void cap(java.util.OptionalInt reservedConcurrency) {
    cap =
        reservedConcurrency.isPresent() ? Math.max(1, reservedConcurrency.getAsInt()) : MAX_WINDOW;
  }

  synchronized int window() {
    return window;
  }

  synchronized int waiting() {
    return ready.size();
  }
}
