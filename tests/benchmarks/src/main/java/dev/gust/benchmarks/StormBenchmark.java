package dev.gust.benchmarks;

import dev.gust.benchmarks.StormReport.Cpu;
import dev.gust.benchmarks.StormReport.Leftovers;
import dev.gust.benchmarks.StormReport.Request;
import dev.gust.benchmarks.StormReport.Storm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A cold-start storm: many distinct Python functions, created and made Active first, then invoked
 * all at once, so that the node creates an environment for each at the same time. Prints a Markdown
 * report to standard output and progress to standard error. Run it with {@code benchmarks/run
 * --suite storm}; {@code --help} lists the options.
 *
 * <p>Each backend gets a fresh node in this JVM. One untimed cold start of another function of the
 * same shape runs first, and the storm starts once the stem cell it set going is up, as on a node
 * that has run Python functions before. Each function then gets a platform thread and a connection
 * of its own ({@link InvokeConnection}), opened before the start; all threads are released together
 * and each sends one Invoke and times it until its reply is read.
 */
public final class StormBenchmark {

  private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(1);

  /** Longer than {@link InvokeConnection}'s reply timeout: every thread ends before it. */
  private static final Duration STORM_TIMEOUT = Duration.ofMinutes(3);

  private static final Duration CELL_TIMEOUT = Duration.ofMinutes(1);

  /** USER_HZ, the unit of {@code /proc/stat}: 100 on every Linux architecture Gust runs on. */
  private static final int CLOCK_TICKS_PER_SECOND = 100;

  private StormBenchmark() {}

  public static void main(String[] args) {
    StormOptions options;
    try {
      options = StormOptions.parse(args);
    } catch (IllegalArgumentException e) {
      boolean help = e.getMessage().isEmpty();
      if (!help) {
        System.err.println(e.getMessage());
      }
      System.err.print(StormOptions.USAGE);
      System.exit(help ? 0 : 2);
      return;
    }
    StormReport report = run(options);
    report.print(System.out);
    System.out.flush();
    // A node that did not close cleanly may leave non-daemon threads behind.
    System.exit(report.complete() ? 0 : 1);
  }

  static StormReport run(StormOptions options) {
    StormReport report = new StormReport(options);
    InvokeBenchmark.warmUpJvm(options.backends().getFirst(), options.jvmWarmup());
    for (String backend : options.backends()) {
      GustNode node;
      try {
        node = GustNode.start(backend);
      } catch (RuntimeException e) {
        report.skip(backend + ": the node did not start: " + e);
        continue;
      }
      try (Invoker invoker = new Invoker(node.url())) {
        report.storm(storm(node, invoker, backend, options.functions()));
      } catch (RuntimeException e) {
        report.skip(backend + ": " + e.getMessage());
        progress("skipped " + backend + ": " + e.getMessage());
      } finally {
        try {
          node.close();
        } catch (RuntimeException e) {
          report.skip(backend + " node did not close cleanly: " + e);
        }
      }
    }
    return report;
  }

  private static Storm storm(GustNode node, Invoker invoker, String backend, int n) {
    Workload workload = Workload.of("python");
    NodeState state = new NodeState(node, invoker);
    progress(backend + ": priming");
    node.createActive("storm-prime", workload);
    Measurement.checked(invoker.invoke("storm-prime", false), "priming cold start");
    boolean cellWaiting = state.awaitGauge(NodeState.STEM_CELLS, c -> c >= 1, CELL_TIMEOUT);
    progress(backend + ": creating " + n + " functions");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("storm-" + i);
      node.createActive(names.getLast(), workload);
    }
    int specializedBefore = state.specializedCells();
    int environmentsBefore = state.gauge(NodeState.ENVIRONMENTS);
    progress(backend + ": invoking " + n + " functions at once");
    double machineBefore = machineBusySeconds();
    double jvmBefore = jvmCpuSeconds();
    List<Request> requests = invokeAtOnce(URI.create(node.url()), names);
    Cpu cpu = new Cpu(jvmCpuSeconds() - jvmBefore, machineBusySeconds() - machineBefore);
    int environments = state.gauge(NodeState.ENVIRONMENTS);
    int taken = state.specializedCells() - specializedBefore;
    // Environments whose init failed are stopped in the background: give them a moment.
    state.awaitGauge(NodeState.STEM_CELLS, cells -> cells >= 1, CELL_TIMEOUT);
    return new Storm(
        backend,
        requests,
        cellWaiting,
        taken,
        environments - environmentsBefore,
        cpu,
        new Leftovers(
            state.gauge(NodeState.ENVIRONMENTS),
            state.gauge(NodeState.STEM_CELLS),
            ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count()));
  }

  /** CPU time of this JVM (the node and the client threads), in seconds. */
  private static double jvmCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /**
   * CPU time every process on the machine spent busy so far (the first line of {@code /proc/stat},
   * less idle and I/O wait), in seconds; NaN where it cannot be read.
   */
  static double machineBusySeconds() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(fields.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy / (double) CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * Opens one connection per function, then sends every Invoke at once and waits for every reply.
   */
  static List<Request> invokeAtOnce(URI endpoint, List<String> functions) {
    int n = functions.size();
    Request[] requests = new Request[n];
    AtomicReference<Optional<String>> connectFailure = new AtomicReference<>(Optional.empty());
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      threads.add(
          Thread.ofPlatform()
              .name("storm-" + i)
              .start(
                  () -> {
                    InvokeConnection connection;
                    try {
                      connection =
                          new InvokeConnection(
                              endpoint.getHost(), endpoint.getPort(), functions.get(index));
                    } catch (IOException e) {
                      connectFailure.compareAndSet(Optional.empty(), Optional.of(e.toString()));
                      ready.countDown();
                      return;
                    }
                    try (connection) {
                      ready.countDown();
                      go.await();
                      requests[index] = send(connection);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
    }
    try {
      boolean connected = ready.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      go.countDown();
      if (!connected || connectFailure.get().isPresent()) {
        throw new Measurement.Failed(
            "could not open " + n + " connections: " + connectFailure.get().orElse("timed out"));
      }
      long deadline = System.nanoTime() + STORM_TIMEOUT.toNanos();
      for (Thread thread : threads) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        if (!thread.join(Duration.ofMillis(left))) {
          throw new Measurement.Failed("the storm's replies took longer than " + STORM_TIMEOUT);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Measurement.Failed("interrupted");
    }
    return List.of(requests);
  }

  private static Request send(InvokeConnection connection) {
    long start = System.nanoTime();
    Optional<String> failure;
    try {
      failure = connection.invoke();
    } catch (IOException | RuntimeException e) {
      failure = Optional.of("connection failed: " + e);
    }
    return new Request(start, System.nanoTime(), failure);
  }

  private static void progress(String line) {
    System.err.println("[bench] " + line);
  }
}
