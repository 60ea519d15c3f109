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
 * <p>While events wait, the window grows by one each round (a window's worth of invocations ended
 * without a throttle) in which the invocations ran about as fast as the fastest rounds seen: a
 * backlog of a function that waits on something (a sleep, the network) scales out to the
 * concurrency it has, a few environments per round. When a round's invocations take more than twice
 * as long as the fastest, more at once only crowds the host (and each new environment is a cold
 * start that costs it more), so the window shrinks by a quarter, down to {@link #INITIAL_WINDOW}. A
 * throttle halves the window and pauses the whole lane — 1 s, then 2, 4 … up to 5 minutes while
 * throttles continue — with the throttled event back at its head: a function without concurrency
 * costs one attempt per pause, not one per waiting event.
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
  private long roundNanos;
  private long fastestRoundNanos = Long.MAX_VALUE;
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

  /** An attempt has ended without a throttle and without invoking the function (it expired). */
  synchronized void done() {
    inflight--;
    throttles = 0;
  }

  /** An attempt has ended after the function ran for {@code ran}, its Init not included. */
  synchronized void ran(Duration ran) {
    done();
    roundNanos += ran.toNanos();
    if (++unthrottled >= window) {
      adapt(roundNanos / unthrottled);
      unthrottled = 0;
      roundNanos = 0;
    }
  }

  /**
   * Grows or shrinks the window after a round whose invocations ran {@code averageNanos} on
   * average. The fastest round drifts up by 5 % a round, so that a lasting change of pace is
   * learned.
   */
  private void adapt(long averageNanos) {
    fastestRoundNanos = Math.min(averageNanos, fastestRoundNanos);
    if (averageNanos > 2 * fastestRoundNanos) {
      window = Math.max(Math.min(window, INITIAL_WINDOW), window - Math.max(1, window / 4));
    } else if (!ready.isEmpty() && averageNanos <= fastestRoundNanos + fastestRoundNanos / 2) {
      window = Math.min(MAX_WINDOW, window + 1);
    }
    fastestRoundNanos += fastestRoundNanos / 20;
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
    roundNanos = 0;
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
