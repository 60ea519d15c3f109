package dev.gust.invoke;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The counting service: how many invocations are in flight per function and in the account's
 * unreserved pool, and a lease for each one admitted. A function with reserved concurrency runs at
 * most that many invocations at once (0 throttles every call) and never takes from the unreserved
 * pool; the other functions share the pool (the account limit less every reservation, never below
 * 100 because reservations cannot take more). Over a limit, {@link #acquire} refuses with the
 * {@link ThrottleReason}; the Lambda API turns it into Lambda's 429.
 *
 * <p>Implementation notes. Counts sit under one lock held for a few map operations per acquire and
 * release. A lease is released exactly once, however often it is closed, so a caller that gives up
 * (a client that disconnected, a timeout) cannot leak concurrency nor free it twice.
 */
public final class Concurrency {

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Integer> perFunction = new HashMap<>();
  private int unreserved;
  private int total;

  /** One admitted invocation; closing it gives its concurrency back. */
  public interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /** What {@link #acquire} answers: a lease, or why the invocation is throttled. */
  public sealed interface Grant {

    /** Admitted: the invocation holds {@code lease} until it ends. */
    record Leased(Lease lease) implements Grant {}

    /** Throttled: nothing was taken. */
    record Refused(ThrottleReason reason) implements Grant {}
  }

  /**
   * Admits one invocation of {@code function} (its unqualified ARN), or refuses it.
   *
   * @param reserved the function's reserved concurrency, if it has one
   * @param unreservedLimit the size of the account's unreserved pool
   */
  public Grant acquire(String function, OptionalInt reserved, int unreservedLimit) {
    lock.lock();
    try {
      int running = perFunction.getOrDefault(function, 0);
      if (reserved.isPresent()) {
        if (running >= reserved.getAsInt()) {
          return new Grant.Refused(
              ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
        }
      } else if (unreserved >= unreservedLimit) {
        return new Grant.Refused(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
      }
      perFunction.put(function, running + 1);
      total++;
      if (reserved.isEmpty()) {
        unreserved++;
      }
    } finally {
      lock.unlock();
    }
    AtomicBoolean released = new AtomicBoolean();
    boolean fromPool = reserved.isEmpty();
    return new Grant.Leased(
        () -> {
          if (released.compareAndSet(false, true)) {
            release(function, fromPool);
          }
        });
  }

  private void release(String function, boolean fromPool) {
    lock.lock();
    try {
      perFunction.computeIfPresent(function, (f, n) -> n == 1 ? null : n - 1);
      total--;
      if (fromPool) {
        unreserved--;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Invocations of the function in flight now. */
  public int running(String function) {
    lock.lock();
    try {
      return perFunction.getOrDefault(function, 0);
    } finally {
      lock.unlock();
    }
  }

  /** Invocations in flight in the account's unreserved pool. */
  public int unreservedRunning() {
    lock.lock();
    try {
      return unreserved;
    } finally {
      lock.unlock();
    }
  }

  /** Invocations in flight in the account. */
  public int totalRunning() {
    lock.lock();
    try {
      return total;
    } finally {
      lock.unlock();
    }
  }
}
