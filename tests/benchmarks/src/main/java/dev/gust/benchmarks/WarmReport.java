package dev.gust.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Collects the {@code warm} suite's measurements and prints them as Markdown: one row per target
 * and connection count, with the ratio of its p50 to the floor's at the same count and whether
 * Gust's rows meet the targets set for the 2-core reference machine.
 */
final class WarmReport {

  /** Targets set for the 2-core reference machine. */
  static final double P50_TARGET_MS = 0.5;

  static final double P99_TARGET_MS = 3.0;
  static final int THROUGHPUT_CONNECTIONS = 16;
  static final double THROUGHPUT_TARGET = 4000;
  static final double FLOOR_RATIO_TARGET = 1.3;

  /** One measurement of one target at one connection count. */
  record Row(String target, Load.Result result) {}

  private final WarmOptions options;
  private final String loadAtStart;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  WarmReport(WarmOptions options) {
    this.options = options;
    this.loadAtStart = Report.loadAverage();
  }

  void row(String target, Load.Result result) {
    rows.add(new Row(target, result));
  }

  void skip(String line) {
    skipped.add(line);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Whether every target was measured at every count without a failed Invoke. */
  boolean complete() {
    return skipped.isEmpty() && rows.stream().allMatch(row -> row.result().failed() == 0);
  }

  /** The p50 of a row over the floor's p50 at the same connection count. */
  Optional<Double> floorRatio(Row row) {
    return rows.stream()
        .filter(r -> r.target().equals(WarmBenchmark.FLOOR))
        .filter(r -> r.result().connections() == row.result().connections())
        .findFirst()
        .flatMap(floor -> floor.result().latency())
        .flatMap(floor -> row.result().latency().map(own -> own.p50() / floor.p50()));
  }

  /** Which targets a Gust row misses; empty when it meets all that apply to it. */
  List<String> missed(Row row) {
    List<String> missed = new ArrayList<>();
    Load.Result result = row.result();
    result
        .latency()
        .filter(latency -> result.connections() == 1)
        .ifPresent(
            latency -> {
              if (latency.p50() > P50_TARGET_MS) {
                missed.add("p50 > " + P50_TARGET_MS + " ms");
              }
              if (latency.p99() > P99_TARGET_MS) {
                missed.add("p99 > " + P99_TARGET_MS + " ms");
              }
            });
    if (result.connections() == THROUGHPUT_CONNECTIONS && result.throughput() < THROUGHPUT_TARGET) {
      missed.add(String.format(Locale.ROOT, "< %.0f/s", THROUGHPUT_TARGET));
    }
    floorRatio(row)
        .filter(ratio -> ratio > FLOOR_RATIO_TARGET)
        .ifPresent(ratio -> missed.add("p50 > " + FLOOR_RATIO_TARGET + "× floor"));
    if (result.failed() > 0) {
      missed.add("failed invokes");
    }
    return missed;
  }

  void print(PrintStream out) {
    out.println("## Warm invoke benchmark");
    out.println();
    out.println(
        "- date: " + DateTimeFormatter.ISO_INSTANT.format(ZonedDateTime.now(ZoneOffset.UTC)));
    out.println(
        "- machine: "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs, "
            + Report.cpuModel()
            + ", Linux "
            + System.getProperty("os.version"));
    out.println(
        "- load average (1, 5, 15 min) at the start: "
            + loadAtStart
            + "; at the end: "
            + Report.loadAverage());
    out.println(
        "- load generator JVM (also runs Gust and the floor): "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version"));
    out.println(
        "- options: "
            + seconds(options.window())
            + " measured per row after "
            + seconds(WarmBenchmark.SETTLE)
            + " untimed; each target warmed up "
            + seconds(options.warmup())
            + " at "
            + options.maxConnections()
            + " connections first");
    out.println();
    out.println("A no-op Python handler invoked synchronously with `{}` over closed-loop");
    out.println("HTTP/1.1 keep-alive connections (one thread each; the next Invoke is sent when");
    out.println("the reply is read). The floor is Gust's Python bootstrap behind a minimal invoke");
    out.println("endpoint and Runtime API (Jetty, no Gust code, no sandbox), one runtime per");
    out.println("connection. Gust is primed with " + options.maxConnections() + " concurrent");
    out.println("Invokes, so that as many warm environments exist. Rows of one connection count");
    out.println("are measured back to back. Client CPU: the load generator's threads, in cores.");
    out.println();
    out.println(
        "| Target | Connections | Invokes/s | p50 (ms) | p99 (ms) | p50 / floor p50 | Failed |"
            + " Client CPU | Targets |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingInt(row -> row.result().connections()));
    for (Row row : sorted) {
      Load.Result result = row.result();
      List<String> missed = missed(row);
      out.println(
          "| "
              + row.target()
              + " | "
              + result.connections()
              + " | "
              + String.format(Locale.ROOT, "%.0f", result.throughput())
              + " | "
              + result.latency().map(s -> millis(s.p50())).orElse("–")
              + " | "
              + result.latency().map(s -> millis(s.p99())).orElse("–")
              + " | "
              + floorRatio(row).map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("–")
              + " | "
              + result.failed()
              + " | "
              + String.format(Locale.ROOT, "%.2f", result.clientCores())
              + " | "
              + (row.target().equals(WarmBenchmark.FLOOR)
                  ? "–"
                  : missed.isEmpty() ? "met" : "missed: " + String.join(", ", missed))
              + " |");
    }
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            "Targets on the 2-core reference machine: p50 ≤ %.1f ms and p99 ≤ %.0f ms at 1"
                + " connection; ≥ %.0f Invokes/s at %d connections; p50 within %.1f× the floor's.",
            P50_TARGET_MS,
            P99_TARGET_MS,
            THROUGHPUT_TARGET,
            THROUGHPUT_CONNECTIONS,
            FLOOR_RATIO_TARGET));
    for (Row row : sorted) {
      row.result()
          .firstFailure()
          .ifPresent(
              failure ->
                  out.println(
                      "- "
                          + row.target()
                          + " at "
                          + row.result().connections()
                          + " connection(s), first failure: "
                          + abbreviate(failure)));
    }
    for (String line : skipped) {
      out.println("- SKIPPED " + line);
    }
  }

  /** Three decimals under 1 ms, two under 10 ms, one above. */
  static String millis(double ms) {
    String format = ms < 1 ? "%.3f" : ms < 10 ? "%.2f" : "%.1f";
    return String.format(Locale.ROOT, format, ms);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }
}
