package dev.gust.worker;

import dev.gust.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a few runtime processes start at a time on this host.
 *
 * <p>Starting a runtime (exec, interpreter start-up, imports, the function's Init) is CPU-bound.
 * When hundreds start at once on a few cores, every one of them progresses slowly, none is ready
 * early, and Inits run into their 10-second limit. Through the gate they start a few per core and
 * the first replies come after one start's time, not after all of them. A start holds its permit
 * until its runtime asks for its first event or exits, or for at most {@link #LEASE}: an Init that
 * waits on something else (a sleep, the network) does not hold back the starts behind it for long.
 * Waiting at the gate does not count against the Init timeout, which begins when the process does.
 */
final class StartGate {

  /** The longest a start keeps others waiting. */
  static final Duration LEASE = Duration.ofSeconds(1);

  private final Semaphore permits;
  private final Scheduler scheduler;

  StartGate(int permits, Scheduler scheduler) {
    this.permits = new Semaphore(permits, true);
    this.scheduler = scheduler;
  }

  /** Two starts per core: a start also waits on exec and on the file system. */
  static int defaultPermits() {
    return Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
  }

  /** Waits for a permit; the start that got it ends its hold with {@link Pass#holdUntil}. */
  Pass enter() {
    permits.acquireUninterruptibly();
    return new Pass();
  }

  /** Permits not held: how many starts could begin now. */
  int available() {
    return permits.availablePermits();
  }

  /** Whether a start is waiting for a permit. */
  boolean hasQueuedStarts() {
    return permits.hasQueuedThreads();
  }

  /** One start's permit, given back once. */
  final class Pass {

    private final AtomicBoolean held = new AtomicBoolean(true);

    private Pass() {}

    /** Gives the permit back when either future completes, or after the lease at the latest. */
    void holdUntil(CompletableFuture<?> ready, CompletableFuture<?> exited) {
      Scheduler.Cancellable lease = scheduler.schedule(LEASE, this::release);
      CompletableFuture.anyOf(ready, exited)
          .whenComplete(
              (value, error) -> {
                release();
                lease.cancel();
              });
    }

    /** Gives the permit back now, if it is still held. */
    void release() {
      if (held.compareAndSet(true, false)) {
        permits.release();
      }
    }
  }
}
