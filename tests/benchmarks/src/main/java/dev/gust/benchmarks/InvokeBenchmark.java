package dev.gust.benchmarks;

import dev.gust.benchmarks.Floors.Floor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cold start and warm invoke latency per runtime and sandbox backend, against floors measured in
 * the same run. Prints a Markdown report to standard output and progress to standard error. Run it
 * with {@code benchmarks/run}; {@code --help} lists the options.
 *
 * <p>Floors first; then a throwaway node warms this JVM up; then each runtime, on each backend, on
 * a fresh node started in this JVM: priming, cold starts, warm invokes ({@link Measurement}). A
 * runtime that cannot be packaged or whose invokes fail is reported as skipped with the reason, the
 * run goes on, and the exit status is 1.
 */
public final class InvokeBenchmark {

  private InvokeBenchmark() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      boolean help = e.getMessage().isEmpty();
      if (!help) {
        System.err.println(e.getMessage());
      }
      System.err.print(Options.USAGE);
      System.exit(help ? 0 : 2);
      return;
    }
    Report report = new Report(options);
    Map<String, Floor> bare = new LinkedHashMap<>();
    Map<String, Floor> sandboxed = new LinkedHashMap<>();
    progress("measuring process-start floors");
    for (Map.Entry<String, List<String>> command : Floors.bareCommands().entrySet()) {
      String key = command.getKey();
      if (!key.equals("true") && !options.runtimes().contains(key)) {
        continue;
      }
      bare.put(key, Floors.measure(command.getValue(), options.floorRuns()));
      report.floor(key + ", bare", bare.get(key));
      if (options.backends().contains("namespace")) {
        sandboxed.put(
            key, Floors.measure(Floors.sandboxed(command.getValue()), options.floorRuns()));
        report.floor(key + ", in bubblewrap", sandboxed.get(key));
      }
    }
    warmUpJvm(options);
    for (String backend : options.backends()) {
      run(options, backend, backend.equals("namespace") ? sandboxed : bare, report);
    }
    report.print(System.out);
    System.out.flush();
    // A node that did not close cleanly may leave non-daemon threads behind.
    System.exit(report.complete() ? 0 : 1);
  }

  /**
   * Measures each runtime on a node of its own, so that one runtime's idle environments neither
   * slow down nor crowd out the next one's (a node holds a bounded number of environments).
   */
  private static void run(
      Options options, String backend, Map<String, Floor> floors, Report report) {
    for (String key : options.runtimes()) {
      Workload workload;
      try {
        workload = Workload.of(key);
      } catch (RuntimeException | LinkageError e) {
        report.skip(key + ": cannot build its deployment package: " + e);
        continue;
      }
      GustNode node;
      try {
        node = GustNode.start(backend);
      } catch (RuntimeException e) {
        report.skip(backend + " backend: the node did not start: " + e.getMessage());
        return;
      }
      try (Invoker invoker = new Invoker(node.url())) {
        Measurement measurement = new Measurement(node, invoker);
        progress(backend + ": " + workload.runtime() + " priming");
        Measurement.Prime prime = measurement.prime(workload);
        progress(backend + ": " + workload.runtime() + " cold starts");
        Measurement.Cold cold = measurement.cold(workload, options.cold());
        progress(backend + ": " + workload.runtime() + " warm invokes");
        Measurement.Warm warm = measurement.warm(workload, options.warmup(), options.warm());
        Floor floor =
            floors.getOrDefault(key, new Floor("–", Optional.empty(), "no floor for " + key));
        report.row(new Report.Row(workload, backend, prime, cold, warm, floor));
      } catch (RuntimeException e) {
        report.skip(workload.runtime() + " on " + backend + ": " + e.getMessage());
        progress("skipped " + workload.runtime() + ": " + e.getMessage());
      } finally {
        try {
          node.close();
        } catch (RuntimeException e) {
          report.skip(backend + " node of " + workload.runtime() + " did not close cleanly: " + e);
        }
      }
    }
  }

  /**
   * The node runs in this JVM: until its request path is compiled, whichever runtime is measured
   * first would look slower. A throwaway node runs a Python function's cold and warm paths first.
   */
  private static void warmUpJvm(Options options) {
    warmUpJvm(options.backends().getFirst(), options.jvmWarmup());
  }

  /** Runs {@code invokes} warm invokes (and 10 cold starts) of Python on a throwaway node. */
  static void warmUpJvm(String backend, int invokes) {
    if (invokes == 0) {
      return;
    }
    progress("warming up this JVM (" + invokes + " invokes, not reported)");
    try (GustNode node = GustNode.start(backend);
        Invoker invoker = new Invoker(node.url())) {
      Measurement measurement = new Measurement(node, invoker);
      Workload workload = Workload.of("python");
      measurement.cold(workload, 10);
      measurement.warm(workload, 0, invokes);
    } catch (RuntimeException e) {
      progress("the JVM warm-up failed, measuring anyway: " + e.getMessage());
    }
  }

  private static void progress(String line) {
    System.err.println("[bench] " + line);
  }
}
