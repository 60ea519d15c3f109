package dev.gust.benchmarks;

import dev.gust.benchmarks.Floors.Floor;
import dev.gust.benchmarks.Measurement.Cold;
import dev.gust.benchmarks.Measurement.Prime;
import dev.gust.benchmarks.Measurement.Warm;
import dev.gust.server.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects a run's floors, rows and skipped runtimes and prints them as Markdown. */
final class Report {

  /** The measurements of one workload on one backend, with the cold floor it compares to. */
  record Row(
      Workload workload, String backend, Prime prime, Cold cold, Warm warm, Floor coldFloor) {}

  private final Options options;
  private final Map<String, Floor> floors = new LinkedHashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();
  private final Map<String, String> notes = new LinkedHashMap<>();

  Report(Options options) {
    this.options = options;
  }

  void floor(String usedFor, Floor floor) {
    floors.put(usedFor, floor);
  }

  void row(Row row) {
    rows.add(row);
    if (!row.workload().note().isEmpty()) {
      notes.put(row.workload().runtime(), row.workload().note());
    }
  }

  void skip(String line) {
    skipped.add(line);
  }

  /** Whether every requested runtime was measured on every requested backend. */
  boolean complete() {
    return skipped.isEmpty();
  }

  void print(PrintStream out) {
    out.println("## Invoke benchmark");
    out.println();
    out.println(
        "- date: " + DateTimeFormatter.ISO_INSTANT.format(ZonedDateTime.now(ZoneOffset.UTC)));
    out.println(
        "- machine: "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs, "
            + cpuModel()
            + ", Linux "
            + System.getProperty("os.version"));
    out.println(
        "- load generator JVM: "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version"));
    out.println(
        "- options: cold "
            + options.cold()
            + " functions per runtime, warm "
            + options.warm()
            + " invokes after "
            + options.warmup()
            + ", floors "
            + options.floorRuns()
            + " starts each, JVM warm-up "
            + options.jvmWarmup()
            + " invokes");
    out.println();
    out.println("Floors (process start to exit, from the same JVM; p50 / p99):");
    out.println();
    out.println("| Floor | Command | p50 / p99 |");
    out.println("|---|---|---|");
    for (Map.Entry<String, Floor> entry : floors.entrySet()) {
      Floor floor = entry.getValue();
      out.println(
          "| "
              + entry.getKey()
              + " | `"
              + floor.command()
              + "` | "
              + floor.stats().map(Stats::p50p99).orElse("not measured: " + floor.problem())
              + " |");
    }
    out.println();
    out.println(
        "Cold start is client-observed (request sent to reply read) for the first invoke of");
    out.println("a new function; Init Duration is the REPORT line's. Warm and health are measured");
    out.println("interleaved on one keep-alive connection.");
    out.println();
    out.println(
        "| Runtime | Backend | Cold p50 / p99 | Init Duration p50 / p99 | Start floor p50 |"
            + " Warm p50 / p99 | Warm mean | Health round trip p50 / p99 |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (Row row : rows) {
      out.println(
          "| "
              + row.workload().runtime()
              + " | "
              + row.backend()
              + " | "
              + row.cold().latency().p50p99()
              + " | "
              + row.cold().init().map(Stats::p50p99).orElse("not reported")
              + " | "
              + row.coldFloor().stats().map(s -> Stats.ms(s.p50())).orElse("–")
              + " | "
              + row.warm().latency().p50p99()
              + " | "
              + Stats.ms(row.warm().latency().mean())
              + " | "
              + row.warm().health().p50p99()
              + " |");
    }
    out.println();
    out.println("Start floor: the runtime's bare interpreter start (process backend) or the same");
    out.println("inside bubblewrap (namespace backend), from the floors above.");
    notes.forEach((runtime, note) -> out.println("- " + runtime + ": " + note));
    out.println();
    out.println(
        "Priming (untimed for the table): each runtime's first cold start on its fresh node,");
    out.println("and when the node had prepared the runtime in the background (Java's class-data");
    out.println("archive; the measured cold starts come after it):");
    out.println();
    for (Row row : rows) {
      out.println(
          "- "
              + row.workload().runtime()
              + " on "
              + row.backend()
              + ": first cold start "
              + Stats.ms(row.prime().firstColdMs())
              + row.prime()
                  .preparedAfterMs()
                  .map(ms -> ", " + row.workload().prepared() + " ready after " + Stats.ms(ms))
                  .orElse(""));
    }
    out.println();
    for (String line : skipped) {
      out.println("- SKIPPED " + line);
    }
  }

  /** The machine a run is on: CPUs, CPU model, memory and kernel, for a report's header. */
  static String machine() {
    return Runtime.getRuntime().availableProcessors()
        + " CPUs, "
        + cpuModel()
        + ", "
        + Math.round(ServerConfig.hostMemoryMb() / 1024.0)
        + " GB memory, Linux "
        + System.getProperty("os.version");
  }

  /**
   * The load average over 1, 5 and 15 minutes ({@code /proc/loadavg}): the machine is shared, and a
   * report says how busy it was when the run began and ended.
   */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The first CPU model name in {@code /proc/cpuinfo}. */
  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }
}
