package dev.gust.benchmarks;

import dev.gust.testkit.Zips;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Warm invoke throughput and latency of a no-op Python function at a few connection counts, on Gust
 * and on its floor, measured in the same run. Prints a Markdown report to standard output and
 * progress to standard error. Run it with {@code benchmarks/run --suite warm}; {@code --help} lists
 * the options.
 *
 * <p>Targets: the floor ({@link FloorLoop}: Gust's Python bootstrap behind a minimal invoke
 * endpoint and Runtime API, one runtime per connection) and a Gust node per sandbox backend,
 * started in this JVM, with one function primed by as many concurrent Invokes as the largest
 * connection count, so that that many warm environments exist. Each target is warmed up, then, for
 * each connection count in turn, every target is measured back to back ({@link Load}), so that the
 * floor and Gust see the same noise. A target that cannot start or fails is reported as skipped
 * with the reason, the run goes on, and the exit status is 1.
 */
public final class WarmBenchmark {

  /** The function measured, on Gust and on the floor alike. */
  static final String NOOP = "def handler(e, c):\n    return None\n";

  static final String FLOOR = "floor";

  /** Untimed load at a measurement's own connection count before its window opens. */
  static final Duration SETTLE = Duration.ofSeconds(1);

  private static final Duration PRIME_DEADLINE = Duration.ofMinutes(2);
  private static final String FUNCTION = "warm-noop";

  /** Something measured: a Gust node or the floor. */
  private interface Subject extends AutoCloseable {
    String name();

    Load.Result measure(int connections, Load.Plan plan);

    @Override
    void close();
  }

  private WarmBenchmark() {}

  public static void main(String[] args) {
    WarmOptions options;
    try {
      options = WarmOptions.parse(args);
    } catch (IllegalArgumentException e) {
      boolean help = e.getMessage().isEmpty();
      if (!help) {
        System.err.println(e.getMessage());
      }
      System.err.print(WarmOptions.USAGE);
      System.exit(help ? 0 : 2);
      return;
    }
    WarmReport report = run(options);
    report.print(System.out);
    System.out.flush();
    // A node that did not close cleanly may leave non-daemon threads behind.
    System.exit(report.complete() ? 0 : 1);
  }

  /** Warms up every target, then measures each connection count on each target in turn. */
  static WarmReport run(WarmOptions options) {
    WarmReport report = new WarmReport(options);
    List<Subject> subjects = new ArrayList<>();
    try {
      Subject floor = new Floor();
      try {
        warmUp(floor, options);
        subjects.add(floor);
      } catch (RuntimeException e) {
        report.skip(FLOOR + ": " + e.getMessage());
        progress("skipped the floor: " + e.getMessage());
      }
      for (String backend : options.backends()) {
        gust(backend, options, report).ifPresent(subjects::add);
      }
      for (int connections : options.connections()) {
        for (Subject subject : subjects) {
          progress(subject.name() + ": " + connections + " connection(s)");
          try {
            Load.Result result =
                subject.measure(connections, Load.Plan.timed(SETTLE, options.window()));
            report.row(subject.name(), result);
          } catch (RuntimeException e) {
            report.skip(subject.name() + " at " + connections + " connection(s): " + e);
            progress("skipped: " + e.getMessage());
          }
        }
      }
    } finally {
      for (Subject subject : subjects) {
        try {
          subject.close();
        } catch (RuntimeException e) {
          report.skip(subject.name() + " did not close cleanly: " + e);
        }
      }
    }
    return report;
  }

  /** A node on the backend with the function primed and warmed up, or empty if it failed. */
  private static Optional<Subject> gust(String backend, WarmOptions options, WarmReport report) {
    String name = "gust-" + backend;
    progress(name + ": starting a node");
    GustNode node;
    try {
      node = GustNode.start(backend);
    } catch (RuntimeException e) {
      report.skip(name + ": the node did not start: " + e.getMessage());
      return Optional.empty();
    }
    Gust gust = new Gust(name, node);
    try {
      node.createActive(
          FUNCTION,
          new Workload(
              "python",
              FloorLoop.RUNTIME,
              FloorLoop.HANDLER,
              Zips.of(Map.of("h.py", NOOP)),
              "",
              ""));
      int environments = options.maxConnections();
      progress(name + ": priming " + environments + " environments with concurrent invokes");
      Load.Result prime = gust.measure(environments, Load.Plan.counted(1, PRIME_DEADLINE));
      if (prime.failed() > 0 || prime.succeeded() < environments) {
        throw new Measurement.Failed(
            "priming failed: " + prime.firstFailure().orElse(prime.succeeded() + " answered"));
      }
      warmUp(gust, options);
      return Optional.of(gust);
    } catch (RuntimeException e) {
      gust.close();
      report.skip(name + ": " + e.getMessage());
      progress("skipped " + name + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Untimed load at the largest connection count, so that the JIT compiles the target's path. */
  private static void warmUp(Subject subject, WarmOptions options) {
    if (options.warmup().isZero()) {
      return;
    }
    progress(subject.name() + ": warming up for " + options.warmup().toMillis() / 1000.0 + " s");
    Load.Result result =
        subject.measure(options.maxConnections(), Load.Plan.timed(Duration.ZERO, options.warmup()));
    if (result.succeeded() == 0) {
      throw new Measurement.Failed(
          "no invoke succeeded while warming up: " + result.firstFailure().orElse("none answered"));
    }
  }

  /** Gust: every measurement reuses the node and its warm environments. */
  private record Gust(String name, GustNode node) implements Subject {
    @Override
    public Load.Result measure(int connections, Load.Plan plan) {
      URI url = URI.create(node.url());
      return Load.run(
          () -> new InvokeConnection(url.getHost(), url.getPort(), FUNCTION), connections, plan);
    }

    @Override
    public void close() {
      node.close();
    }
  }

  /** The floor: each measurement gets a fresh loop with one runtime per connection. */
  private record Floor() implements Subject {
    @Override
    public String name() {
      return FLOOR;
    }

    @Override
    public Load.Result measure(int connections, Load.Plan plan) {
      try (FloorLoop loop = FloorLoop.start(connections, NOOP)) {
        return Load.run(
            () -> new InvokeConnection("127.0.0.1", loop.port(), "floor"), connections, plan);
      }
    }

    @Override
    public void close() {}
  }

  private static void progress(String line) {
    System.err.println("[bench] " + line);
  }
}
