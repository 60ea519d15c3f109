package dev.gust.benchmarks;

import dev.gust.benchmarks.StemCellStarts.Phase;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the {@code cold} suite's measurements and prints them as Markdown: one row per runtime
 * and backend, cold starts with a stem cell next to fresh ones, their ratio, and whether the cold
 * start with a stem cell meets its runtime's target on the 2-core reference machine.
 */
final class ColdReport {

  /** Targets for the p50 of a cold start with a stem cell, by {@link Workload} key, in ms. */
  static final Map<String, Double> TARGET_P50_MS =
      Map.of("python", 10.0, "node", 15.0, "java17", 40.0);

  /** The measurements of one runtime on one backend. */
  record Row(String key, String runtime, String backend, StemCellStarts.Result result) {}

  private final ColdOptions options;
  private final String loadAtStart;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  ColdReport(ColdOptions options) {
    this.options = options;
    this.loadAtStart = Report.loadAverage();
  }

  void row(Row row) {
    rows.add(row);
  }

  void skip(String line) {
    skipped.add(line);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Whether every runtime was measured on every backend. */
  boolean complete() {
    return skipped.isEmpty();
  }

  /** How many times slower the fresh cold start's p50 is than the one with a stem cell. */
  static double ratio(Row row) {
    return row.result().fresh().latency().p50() / row.result().cell().latency().p50();
  }

  /** Whether the cold start with a stem cell meets its runtime's target; empty without one. */
  static Optional<String> verdict(Row row) {
    double p50 = row.result().cell().latency().p50();
    return Optional.ofNullable(TARGET_P50_MS.get(row.key()))
        .map(
            target ->
                p50 <= target
                    ? "met (" + Stats.ms(p50) + " ≤ " + Stats.ms(target) + ")"
                    : "missed (" + Stats.ms(p50) + " > " + Stats.ms(target) + ")");
  }

  void print(PrintStream out) {
    out.println("## Cold start benchmark: stem cells");
    out.println();
    out.println(
        "- date: " + DateTimeFormatter.ISO_INSTANT.format(ZonedDateTime.now(ZoneOffset.UTC)));
    out.println("- machine: " + Report.machine());
    out.println(
        "- load average (1, 5, 15 min) at the start: "
            + loadAtStart
            + "; at the end: "
            + Report.loadAverage());
    out.println(
        "- load generator JVM (also runs Gust): "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version"));
    out.println(
        "- options: "
            + options.cold()
            + " cold starts of each kind per runtime, JVM warm-up "
            + options.jvmWarmup()
            + " invokes");
    out.println();
    out.println("Each runtime on each backend gets a fresh node in this JVM. After the runtime's");
    out.println("first cold start (and an untimed one that takes the cell started before the");
    out.println("node's preparation was done), each new function is invoked once, sequentially,");
    out.println("with the event `{}` and `X-Amz-Log-Type: Tail`. **Stem cell**: functions of the");
    out.println("cells' shape (128 MB, 512 MB ephemeral storage), each invoked once");
    out.println("`gust_StemCells` ≥ 1 at `/_gust/metrics`. **Fresh**: functions with MemorySize");
    out.println(
        StemCellStarts.FRESH_MEMORY_MB
            + ", "
            + (StemCellStarts.FRESH_MEMORY_MB + 1)
            + ", ... MB, which no cell matches; each is invoked once the previous one's spare");
    out.println("cell is up. Either kind runs alongside the start of one spare cell. Latency is");
    out.println(
        "client-observed (request sent to reply read); Init Duration is the REPORT line's.");
    out.println("Cells taken: stem cells the node specialized during the kind's cold starts.");
    out.println();
    out.println(
        "| Runtime | Backend | Stem cell p50 / p99 | Stem cell Init p50 | Fresh p50 / p99 |"
            + " Fresh Init p50 | Fresh / stem cell p50 | Cells taken (stem cell, fresh) |"
            + " Target |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    for (Row row : rows) {
      Phase cell = row.result().cell();
      Phase fresh = row.result().fresh();
      out.println(
          "| "
              + row.runtime()
              + " | "
              + row.backend()
              + " | "
              + cell.latency().p50p99()
              + " | "
              + initP50(cell)
              + " | "
              + fresh.latency().p50p99()
              + " | "
              + initP50(fresh)
              + " | "
              + String.format(Locale.ROOT, "%.1f×", ratio(row))
              + " | "
              + cell.specialized()
              + "/"
              + cell.latency().count()
              + ", "
              + fresh.specialized()
              + "/"
              + fresh.latency().count()
              + " | "
              + verdict(row).orElse("–")
              + " |");
    }
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            "Targets on the 2-core reference machine, p50 of a cold start with a stem cell:"
                + " Python ≤ %.0f ms, Node.js ≤ %.0f ms, Java ≤ %.0f ms.",
            TARGET_P50_MS.get("python"),
            TARGET_P50_MS.get("node"),
            TARGET_P50_MS.get("java17")));
    out.println();
    for (Row row : rows) {
      Measurement.Prime prime = row.result().prime();
      out.println(
          "- "
              + row.runtime()
              + " on "
              + row.backend()
              + ": first cold start (untimed) "
              + Stats.ms(prime.firstColdMs())
              + prime.preparedAfterMs().map(ms -> ", prepared after " + Stats.ms(ms)).orElse("")
              + unsettled(row.result().fresh()));
    }
    for (String line : skipped) {
      out.println("- SKIPPED " + line);
    }
  }

  private static String initP50(Phase phase) {
    return phase.init().map(init -> Stats.ms(init.p50())).orElse("not reported");
  }

  private static String unsettled(Phase fresh) {
    return fresh.unsettled() == 0
        ? ""
        : "; " + fresh.unsettled() + " fresh cold start(s) did not see their spare cell come up";
  }
}
