package dev.gust.benchmarks;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the {@code storm} suite's storms and prints them as Markdown: per backend, how many
 * Invokes succeeded, failed or were throttled, the wall time from the first request sent to the
 * last reply read, environments created per second, and the requests' latency.
 */
final class StormReport {

  /** How an Invoke of the storm ended. */
  enum Outcome {
    SUCCEEDED,
    ERROR,
    THROTTLED
  }

  /**
   * One Invoke: when it was sent and its reply read ({@link System#nanoTime}), and what went wrong
   * (the status first, as {@link InvokeConnection} reports it), if anything.
   */
  record Request(long startNanos, long endNanos, Optional<String> failure) {

    Outcome outcome() {
      return failure.isEmpty()
          ? Outcome.SUCCEEDED
          : failure.get().startsWith("429") ? Outcome.THROTTLED : Outcome.ERROR;
    }

    double millis() {
      return (endNanos - startNanos) / 1e6;
    }
  }

  /**
   * CPU time spent while the storm ran, in seconds: by this JVM (the node and the client's threads)
   * and by the whole machine (the runtimes, this JVM and whatever else runs there).
   */
  record Cpu(double jvmSeconds, double machineSeconds) {}

  /**
   * What the node holds once the storm is over and its spare cell is back: its gauges, and the
   * processes still alive under this JVM (runtimes, their sandboxes, cells).
   */
  record Leftovers(int environments, int stemCells, long processes) {}

  /**
   * One storm on one backend: its requests, whether a stem cell was waiting when it began, how many
   * cells the node specialized during it, how many environments it gained (those created less idle
   * ones the node stopped to make room), the CPU it took and what it left behind.
   */
  record Storm(
      String backend,
      List<Request> requests,
      boolean cellWaiting,
      int cellsTaken,
      int environmentsGained,
      Cpu cpu,
      Leftovers leftovers) {

    Storm {
      requests = List.copyOf(requests);
      if (requests.isEmpty()) {
        throw new IllegalArgumentException("a storm has requests");
      }
    }

    long count(Outcome outcome) {
      return requests.stream().filter(request -> request.outcome() == outcome).count();
    }

    /** From the first request sent to the last reply read, in seconds. */
    double wallSeconds() {
      long first = requests.stream().mapToLong(Request::startNanos).min().orElseThrow();
      long last = requests.stream().mapToLong(Request::endNanos).max().orElseThrow();
      return (last - first) / 1e9;
    }

    /** Requests over the wall time: environments created per second if every one succeeded. */
    double perSecond() {
      return requests.size() / wallSeconds();
    }

    /** Latency of every request, whatever its outcome. */
    Stats latency() {
      return Stats.ofMillis(requests.stream().mapToDouble(Request::millis).toArray());
    }

    /** The distinct failures (cut to one short line) and how often each occurred. */
    Map<String, Long> failures() {
      Map<String, Long> failures = new LinkedHashMap<>();
      for (Request request : requests) {
        request
            .failure()
            .map(StormReport::shorten)
            .ifPresent(failure -> failures.merge(failure, 1L, Long::sum));
      }
      return failures;
    }
  }

  private final StormOptions options;
  private final String loadAtStart;
  private final List<Storm> storms = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  StormReport(StormOptions options) {
    this.options = options;
    this.loadAtStart = Report.loadAverage();
  }

  void storm(Storm storm) {
    storms.add(storm);
  }

  void skip(String line) {
    skipped.add(line);
  }

  List<Storm> storms() {
    return List.copyOf(storms);
  }

  /** Whether every backend was measured and every Invoke succeeded. */
  boolean complete() {
    return skipped.isEmpty()
        && storms.stream()
            .allMatch(storm -> storm.count(Outcome.SUCCEEDED) == storm.requests().size());
  }

  void print(PrintStream out) {
    out.println("## Cold start storm");
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
            + options.functions()
            + " functions, JVM warm-up "
            + options.jvmWarmup()
            + " invokes");
    out.println();
    out.println(
        options.functions()
            + " distinct no-op Python functions (python3.13, 128 MB) are created and made Active");
    out.println("first, on a fresh node per backend that has run one untimed Python cold start");
    out.println("(so one stem cell of their shape is waiting). Then each function gets a thread");
    out.println("and a keep-alive connection of its own, opened beforehand; all are released");
    out.println("together and send one synchronous Invoke each. Wall time: first request sent to");
    out.println("last reply read. Environments/s: functions over wall time. Latency: each");
    out.println("request, sent to reply read, whatever its outcome. Cells taken: stem cells the");
    out.println("node specialized during the storm (the others started a fresh process).");
    out.println("Environments gained: `gust_Environments` after less before (an idle environment");
    out.println("the node stopped to make room counts against it).");
    out.println();
    out.println(
        "| Backend | Functions | Succeeded | Errors | Throttled | Wall time | Environments/s |"
            + " Latency p50 / p99 | Slowest | Cells taken | Environments gained |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (Storm storm : storms) {
      Stats latency = storm.latency();
      double slowest = storm.requests().stream().mapToDouble(Request::millis).max().orElseThrow();
      out.println(
          "| "
              + storm.backend()
              + " | "
              + storm.requests().size()
              + " | "
              + storm.count(Outcome.SUCCEEDED)
              + " | "
              + storm.count(Outcome.ERROR)
              + " | "
              + storm.count(Outcome.THROTTLED)
              + " | "
              + Stats.ms(storm.wallSeconds() * 1000)
              + " | "
              + String.format(Locale.ROOT, "%.0f", storm.perSecond())
              + " | "
              + latency.p50p99()
              + " | "
              + Stats.ms(slowest)
              + " | "
              + storm.cellsTaken()
              + " | "
              + storm.environmentsGained()
              + " |");
    }
    out.println();
    for (Storm storm : storms) {
      out.println(
          String.format(
              Locale.ROOT,
              "- %s: CPU during the storm %.1f s in this JVM (Gust and the client), %.1f s on the"
                  + " whole machine (%.1f cores busy on average); afterwards %d environments,"
                  + " %d stem cells waiting, %d processes under this JVM",
              storm.backend(),
              storm.cpu().jvmSeconds(),
              storm.cpu().machineSeconds(),
              storm.cpu().machineSeconds() / storm.wallSeconds(),
              storm.leftovers().environments(),
              storm.leftovers().stemCells(),
              storm.leftovers().processes()));
      if (!storm.cellWaiting()) {
        out.println("- " + storm.backend() + ": no stem cell was waiting when the storm began");
      }
      storm
          .failures()
          .forEach(
              (failure, count) ->
                  out.println("- " + storm.backend() + ": " + count + " × " + failure));
    }
    for (String line : skipped) {
      out.println("- SKIPPED " + line);
    }
  }

  /**
   * The failure on one line, cut to 200 characters, with request ids and timestamps replaced, so
   * that the same failure of different requests reads the same.
   */
  static String shorten(String failure) {
    String line =
        failure
            .replaceAll("\\s+", " ")
            .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
            .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>")
            .trim();
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }
}
