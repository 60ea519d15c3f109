package dev.gust.benchmarks;

import dev.gust.benchmarks.Floors.Floor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start and warm invoke latency per runtime and sandbox backend, against floors measured in
 * the same run. Prints a Markdown report to standard output and progress to standard error. Run it
 * with {@code benchmarks/run}; {@code --help} lists the options.
 *
 * <p>For each backend a fresh node starts in this JVM; for each runtime, cold starts are measured
 * first, then warm invokes. A runtime that cannot be packaged or whose invokes fail is reported as
 * skipped with the reason, and the run goes on.
 */
public final class InvokeBenchmark {

  private InvokeBenchmark() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(e.getMessage());
      }
      System.err.print(Options.USAGE);
      System.exit(2);
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
    for (String backend : options.backends()) {
      run(options, backend, backend.equals("namespace") ? sandboxed : bare, report);
    }
    report.print(System.out);
  }

  private static void run(
      Options options, String backend, Map<String, Floor> floors, Report report) {
    List<Workload> workloads = new ArrayList<>();
    for (String key : options.runtimes()) {
      try {
        workloads.add(Workload.of(key));
      } catch (RuntimeException | LinkageError e) {
        report.skip(key + ": cannot build its deployment package: " + e);
      }
    }
    GustNode node;
    try {
      node = GustNode.start(backend);
    } catch (RuntimeException e) {
      report.skip(backend + " backend: the node did not start: " + e.getMessage());
      return;
    }
    try (node;
        Invoker invoker = new Invoker(node.url())) {
      Measurement measurement = new Measurement(node, invoker);
      for (Workload workload : workloads) {
        try {
          progress(backend + ": " + workload.runtime() + " cold starts");
          Measurement.Cold cold = measurement.cold(workload, options.cold());
          progress(backend + ": " + workload.runtime() + " warm invokes");
          Measurement.Warm warm = measurement.warm(workload, options.warmup(), options.warm());
          report.row(new Report.Row(workload, backend, cold, warm, floors.get(workload.key())));
        } catch (RuntimeException e) {
          report.skip(workload.runtime() + " on " + backend + ": " + e.getMessage());
          progress("skipped " + workload.runtime() + ": " + e.getMessage());
        }
      }
    }
  }

  private static void progress(String line) {
    System.err.println("[bench] " + line);
  }
}
