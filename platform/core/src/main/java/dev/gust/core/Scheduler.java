package dev.gust.core;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time of a component: a clock to read and a way to run something later. Component logic takes
 * both from here, never from the system, so that tests drive time with a fake that only moves when
 * they advance it.
 */
public interface Scheduler {

  InstantSource clock();

  /**
   * Runs {@code task} once {@code delay} has passed on this scheduler's clock. The task must be
   * short or hand its work to another thread: tasks share the scheduler's thread.
   */
  Cancellable schedule(Duration delay, Runnable task);

  /**
   * Runs {@code task} once this scheduler's clock reaches {@code due}, or as soon as possible if it
   * already has. The default computes the delay from the clock; a scheduler whose time can jump (a
   * test clock) overrides it so that the time cannot move between reading the clock and scheduling.
   */
  default Cancellable scheduleAt(Instant due, Runnable task) {
    return schedule(Duration.between(clock().instant(), due), task);
  }

  /** A scheduled task that has not run yet can be cancelled; cancelling later does nothing. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }

  /** The system clock and one daemon timer thread. */
  static Scheduler system() {
    return SystemScheduler.INSTANCE;
  }

  /** Real time for a platform node. */
  final class SystemScheduler implements Scheduler {

    static final SystemScheduler INSTANCE = new SystemScheduler();

    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gust-timer").factory());

    private SystemScheduler() {}

    @Override
    public InstantSource clock() {
      return InstantSource.system();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      ScheduledFuture<?> future =
          timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    }
  }
}
