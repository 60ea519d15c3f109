package dev.gust.benchmarks;

/**
 * Cold starts that take a stem cell against fresh ones, per runtime and sandbox backend ({@link
 * StemCellStarts}). Prints a Markdown report to standard output and progress to standard error. Run
 * it with {@code benchmarks/run --suite cold}; {@code --help} lists the options.
 *
 * <p>A throwaway node warms this JVM up first; then each runtime, on each backend, is measured on a
 * fresh node started in this JVM. A runtime that cannot be packaged or whose invokes fail is
 * reported as skipped with the reason, the run goes on, and the exit status is 1.
 */
public final class ColdBenchmark {

  private ColdBenchmark() {}

  public static void main(String[] args) {
    ColdOptions options;
    try {
      options = ColdOptions.parse(args);
    } catch (IllegalArgumentException e) {
      boolean help = e.getMessage().isEmpty();
      if (!help) {
        System.err.println(e.getMessage());
      }
      System.err.print(ColdOptions.USAGE);
      System.exit(help ? 0 : 2);
      return;
    }
    ColdReport report = run(options);
    report.print(System.out);
    System.out.flush();
    // A node that did not close cleanly may leave non-daemon threads behind.
    System.exit(report.complete() ? 0 : 1);
  }

  static ColdReport run(ColdOptions options) {
    ColdReport report = new ColdReport(options);
    InvokeBenchmark.warmUpJvm(options.backends().getFirst(), options.jvmWarmup());
    for (String backend : options.backends()) {
      for (String key : options.runtimes()) {
        measure(key, backend, options.cold(), report);
      }
    }
    return report;
  }

  private static void measure(String key, String backend, int n, ColdReport report) {
    Workload workload;
    try {
      workload = Workload.of(key);
    } catch (RuntimeException | LinkageError e) {
      report.skip(key + ": cannot build its deployment package: " + e);
      return;
    }
    GustNode node;
    try {
      node = GustNode.start(backend);
    } catch (RuntimeException e) {
      report.skip(workload.runtime() + " on " + backend + ": the node did not start: " + e);
      return;
    }
    try (Invoker invoker = new Invoker(node.url())) {
      progress(backend + ": " + workload.runtime() + ", " + n + " cold starts of each kind");
      StemCellStarts.Result result = new StemCellStarts(node, invoker).measure(workload, n);
      report.row(new ColdReport.Row(key, workload.runtime(), backend, result));
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

  private static void progress(String line) {
    System.err.println("[bench] " + line);
  }
}
