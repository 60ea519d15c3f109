package dev.gust.async;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The events of one function that are due, and how many of them may run at once.
 *
 * <p>While events wait, the window grows by one each time a window's worth of attempts ended
 * without a throttle, and it halves when one is throttled (additive increase, multiplicative
 * decrease): a backlog scales out to the concurrency the function has, a few environments per
 * round. A throttle also pauses the whole lane — 1 s, then 2, 4 … up to 5 minutes while throttles
 * continue — with the throttled event back at its head: a function without concurrency costs one
 * attempt per pause, not one per waiting event.
 */
final class Lane {

  static final int INITIAL_WINDOW = 10;
  static final int MAX_WINDOW = 1_000;
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

  private final Deque<AsyncEvent> ready = new ArrayDeque<>();
  private int inflight;
  private int window = INITIAL_WINDOW;
  private int unthrottled;
  private int cap = MAX_WINDOW;
  private int throttles;
  private Instant pausedUntil = Instant.MIN;

  synchronized void offer(AsyncEvent event) {
    ready.addLast(event);
  }

  /**
   * The next event to run, if one is due, the lane is not paused and the window has room; it then
   * counts as running.
   */
  synchronized Optional<AsyncEvent> next(Instant now) {
    if (inflight >= Math.min(window, cap) || ready.isEmpty() || now.isBefore(pausedUntil)) {
      return Optional.empty();
    }
    inflight++;
    return Optional.of(ready.pollFirst());
  }

  /** An attempt has ended, whatever its outcome, without a throttle. */
  synchronized void done() {
    inflight--;
    throttles = 0;
    if (!ready.isEmpty() && ++unthrottled >= window) {
      window = Math.min(MAX_WINDOW, window + 1);
      unthrottled = 0;
    }
  }

  /**
   * An attempt was throttled: its event goes back to the head of the lane, the window halves and
   * the lane pauses.
   *
   * @return when the lane resumes
   */
  synchronized Instant throttled(AsyncEvent event, Instant now) {
    inflight--;
    ready.addFirst(event);
    window = Math.max(1, window / 2);
    unthrottled = 0;
    pausedUntil = now.plus(pause(throttles++));
    return pausedUntil;
  }

  /** The pause after {@code throttles} consecutive throttles: 1 s doubling up to 5 minutes. */
  static Duration pause(int throttles) {
    Duration delay = FIRST_PAUSE.multipliedBy(1L << Math.min(throttles, 16));
    return delay.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : delay;
  }

  /**
   * Caps how many events run at once at the function's reserved concurrency, so that a backlog does
   * not throttle itself; without a reservation only the window limits it.
   */
  synchronized void cap(OptionalInt reservedConcurrency) {
    cap =
        reservedConcurrency.isPresent() ? Math.max(1, reservedConcurrency.getAsInt()) : MAX_WINDOW;
  }

  synchronized int window() {
    return window;
  }
}
