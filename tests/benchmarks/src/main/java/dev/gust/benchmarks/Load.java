package dev.gust.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A closed-loop load generator for synchronous Invokes: {@code n} connections, each an {@link
 * InvokeConnection} driven by a platform thread of its own that sends the next Invoke as soon as
 * the previous reply is read. All connections start together; Invokes started during the warm-up
 * are not recorded; each Invoke started in the measured window is timed with {@link
 * System#nanoTime} into an array, until the window closes or the connection has made its quota.
 *
 * <p>Throughput is the successful Invokes over the time from the window's start to the last
 * recorded reply; latency percentiles are over the successful Invokes. The CPU time the
 * connections' threads use in the window is measured too, to show that the client does not dominate
 * the machine. Failed Invokes (a status other than 200, or a function error) are counted, and the
 * first one is kept to be reported. A connection that breaks fails the whole run.
 */
final class Load {

  /** Opens one connection to what is measured. */
  @FunctionalInterface
  interface Target {
    InvokeConnection connect() throws IOException;
  }

  /**
   * How long each connection runs: untimed for {@code warmup}, then timed until {@code window} has
   * passed or it has made {@code quota} timed Invokes.
   */
  record Plan(Duration warmup, Duration window, int quota) {

    Plan {
      if (warmup.isNegative() || !window.isPositive() || quota < 1) {
        throw new IllegalArgumentException("a plan needs a positive window and quota");
      }
    }

    /** For as many Invokes as fit in the window. */
    static Plan timed(Duration warmup, Duration window) {
      return new Plan(warmup, window, Integer.MAX_VALUE);
    }

    /** Exactly {@code quota} Invokes per connection, unless {@code deadline} passes first. */
    static Plan counted(int quota, Duration deadline) {
      return new Plan(Duration.ZERO, deadline, quota);
    }
  }

  /** What {@code connections} connections achieved together. */
  record Result(
      int connections,
      long succeeded,
      long failed,
      double seconds,
      Optional<Stats> latency,
      Optional<String> firstFailure,
      double clientCpuSeconds) {

    double throughput() {
      return seconds > 0 ? succeeded / seconds : 0;
    }

    /** The CPU the connections' threads used in the window, in cores (1.0 is one core busy). */
    double clientCores() {
      return seconds > 0 ? clientCpuSeconds / seconds : 0;
    }
  }

  private Load() {}

  /** Runs the plan on {@code connections} connections and waits for all of them to finish. */
  static Result run(Target target, int connections, Plan plan) {
    List<Connection> all = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        all.add(new Connection(target.connect(), plan.quota()));
      }
    } catch (IOException e) {
      all.forEach(c -> c.connection.close());
      throw new Measurement.Failed("cannot connect: " + e.getMessage());
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Connection connection = all.get(i);
      threads.add(Thread.ofPlatform().name("load-" + i).start(() -> connection.run(go)));
    }
    long from = System.nanoTime() + plan.warmup().toNanos();
    long to = from + plan.window().toNanos();
    for (Connection connection : all) {
      connection.window(from, to);
    }
    go.countDown();
    try {
      for (Thread thread : threads) {
        thread.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Measurement.Failed("interrupted");
    } finally {
      all.forEach(c -> c.connection.close());
    }
    return result(all, from);
  }

  private static Result result(List<Connection> all, long from) {
    long succeeded = 0;
    long failed = 0;
    long last = from;
    long cpu = 0;
    Optional<String> firstFailure = Optional.empty();
    for (Connection connection : all) {
      if (connection.broken.isPresent()) {
        throw new Measurement.Failed("a connection broke: " + connection.broken.get());
      }
      succeeded += connection.count;
      failed += connection.failed;
      last = Math.max(last, connection.lastReply);
      cpu += connection.cpuNanos;
      if (firstFailure.isEmpty()) {
        firstFailure = connection.firstFailure;
      }
    }
    long[] latencies = new long[Math.toIntExact(succeeded)];
    int offset = 0;
    for (Connection connection : all) {
      System.arraycopy(connection.nanos, 0, latencies, offset, connection.count);
      offset += connection.count;
    }
    return new Result(
        all.size(),
        succeeded,
        failed,
        (last - from) / 1e9,
        succeeded == 0 ? Optional.empty() : Optional.of(Stats.ofNanos(latencies)),
        firstFailure,
        cpu / 1e9);
  }

  /**
   * One connection's loop and what it recorded. Its fields are written by its own thread and read
   * after {@link Thread#join}; the window is set before the start latch opens.
   */
  private static final class Connection {

    final InvokeConnection connection;
    final int quota;
    long from;
    long to;
    long[] nanos = new long[4096];
    int count;
    long failed;
    long lastReply;
    long cpuNanos;
    Optional<String> firstFailure = Optional.empty();
    Optional<String> broken = Optional.empty();

    Connection(InvokeConnection connection, int quota) {
      this.connection = connection;
      this.quota = quota;
    }

    void window(long from, long to) {
      this.from = from;
      this.to = to;
    }

    void run(CountDownLatch go) {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpuFrom = -1;
      try {
        go.await();
        while (count + failed < quota) {
          long start = System.nanoTime();
          if (start - to >= 0) {
            return;
          }
          if (cpuFrom < 0 && start - from >= 0) {
            cpuFrom = threads.getCurrentThreadCpuTime();
          }
          Optional<String> failure = connection.invoke();
          long end = System.nanoTime();
          if (start - from < 0) {
            continue;
          }
          lastReply = end;
          if (failure.isPresent()) {
            failed++;
            if (firstFailure.isEmpty()) {
              firstFailure = failure;
            }
          } else {
            record(end - start);
          }
        }
      } catch (IOException | RuntimeException e) {
        broken = Optional.of(e.toString());
      } catch (InterruptedException e) {
        broken = Optional.of("interrupted");
      } finally {
        if (cpuFrom >= 0) {
          cpuNanos = threads.getCurrentThreadCpuTime() - cpuFrom;
        }
      }
    }

    private void record(long latency) {
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = latency;
    }
  }
}
