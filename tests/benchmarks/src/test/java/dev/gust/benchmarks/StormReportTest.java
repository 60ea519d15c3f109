package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.benchmarks.StormReport.Outcome;
import dev.gust.benchmarks.StormReport.Request;
import dev.gust.benchmarks.StormReport.Storm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The storm suite's counts, rates and table, from requests with known times and outcomes. */
class StormReportTest {

  private static final long SECOND = 1_000_000_000L;
  private static final String INIT_TIMEOUT =
      "200 Unhandled: {\"errorMessage\":\"Init did not finish within 10 seconds.\"}";
  private static final String NO_MEMORY = "429: {\"message\":\"Gust has no memory left\"}";

  /** Four requests sent within 30 ms; the last reply is read two seconds after the first send. */
  private static Storm storm() {
    return new Storm(
        "process",
        List.of(
            new Request(SECOND, SECOND + SECOND / 2, Optional.empty()),
            new Request(SECOND + 10_000_000, 2 * SECOND, Optional.empty()),
            new Request(SECOND + 20_000_000, SECOND + 30_000_000, Optional.of(NO_MEMORY)),
            new Request(SECOND + 30_000_000, 3 * SECOND, Optional.of(INIT_TIMEOUT))),
        true,
        1,
        2,
        new StormReport.Cpu(0.5, 3.8),
        new StormReport.Leftovers(3, 1, 4));
  }

  @Test
  void outcomesAreCountedByStatus() {
    Storm storm = storm();

    assertThat(storm.count(Outcome.SUCCEEDED)).isEqualTo(2);
    assertThat(storm.count(Outcome.THROTTLED)).isEqualTo(1);
    assertThat(storm.count(Outcome.ERROR)).isEqualTo(1);
    assertThat(storm.failures()).isEqualTo(Map.of(NO_MEMORY, 1L, INIT_TIMEOUT, 1L));
  }

  @Test
  void theSameFailureOfDifferentRequestsIsCountedOnce() {
    String timedOut =
        "200 Unhandled: {\"errorMessage\":\"%s %s Task timed out after 3.00 seconds\"}";
    Storm storm =
        new Storm(
            "process",
            List.of(
                new Request(
                    0,
                    SECOND,
                    Optional.of(
                        timedOut.formatted(
                            "2026-11-23T17:04:04.890Z", "56ec6c9f-b634-4259-9049-9a0e4d6d4f21"))),
                new Request(
                    0,
                    SECOND,
                    Optional.of(
                        timedOut.formatted(
                            "2026-11-23T17:03:52.022Z", "2d3673e0-4f97-4305-91ae-73ee7d08443c")))),
            true,
            0,
            0,
            new StormReport.Cpu(0, 0),
            new StormReport.Leftovers(0, 0, 0));

    assertThat(storm.failures()).isEqualTo(Map.of(timedOut.formatted("<time>", "<id>"), 2L));
  }

  @Test
  void wallTimeRunsFromTheFirstSendToTheLastReply() {
    Storm storm = storm();

    assertThat(storm.wallSeconds()).isCloseTo(2.0, Offset.offset(1e-9));
    assertThat(storm.perSecond()).isCloseTo(2.0, Offset.offset(1e-9));
    assertThat(storm.latency().p50()).isCloseTo(500.0, Offset.offset(1e-9));
    assertThat(storm.latency().p99()).isCloseTo(1970.0, Offset.offset(1e-9));
  }

  @Test
  void theMarkdownTableHasOneLinePerBackendAndTheFailuresAreListed() {
    StormReport report = new StormReport(StormOptions.parse("--functions", "4"));
    report.storm(storm());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    report.print(new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "| process | 4 | 2 | 1 | 1 | 2000 ms | 2 | 500 ms / 1970 ms | 1970 ms | 1 | 2 |\n")
        .contains("- process: 1 × " + NO_MEMORY + "\n")
        .contains("- process: 1 × " + INIT_TIMEOUT + "\n")
        .contains("1.9 cores busy on average); afterwards 3 environments, 1 stem cells waiting,");
    assertThat(report.complete()).isFalse();
  }
}
