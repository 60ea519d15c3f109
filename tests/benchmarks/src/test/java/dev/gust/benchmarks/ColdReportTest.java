package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cold suite's report: the target each runtime's cold start with a stem cell is held to. */
class ColdReportTest {

  private static StemCellStarts.Phase phase(double p50, double p99, double initP50, int taken) {
    return new StemCellStarts.Phase(
        new Stats(20, p50, p99, p50),
        Optional.of(new Stats(20, initP50, initP50 * 2, initP50)),
        taken,
        0);
  }

  private static ColdReport.Row row(String key, String runtime, double cellP50, double freshP50) {
    return new ColdReport.Row(
        key,
        runtime,
        "process",
        new StemCellStarts.Result(
            new Measurement.Prime(120, Optional.empty()),
            phase(cellP50, cellP50 * 2, 1.5, 20),
            phase(freshP50, freshP50 * 1.5, freshP50 - 10, 0)));
  }

  @ParameterizedTest(name = "{0} with a stem cell at p50 {1} ms: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          python | 9.5  | met (9.50 ms ≤ 10.0 ms)
          python | 10.5 | missed (10.5 ms > 10.0 ms)
          node   | 15.0 | met (15.0 ms ≤ 15.0 ms)
          node   | 16.0 | missed (16.0 ms > 15.0 ms)
          java17 | 39.0 | met (39.0 ms ≤ 40.0 ms)
          java17 | 41.0 | missed (41.0 ms > 40.0 ms)
          """)
  void eachRuntimeIsHeldToItsOwnTarget(String key, double cellP50, String verdict) {
    assertThat(ColdReport.verdict(row(key, key, cellP50, 100))).contains(verdict);
  }

  @Test
  void theRatioIsTheFreshP50OverTheStemCellP50() {
    assertThat(ColdReport.ratio(row("python", "python3.13", 4, 60)))
        .isCloseTo(15.0, Offset.offset(1e-9));
  }

  @Test
  void theMarkdownTableHasBothKindsTheRatioTheCellsTakenAndTheVerdict() {
    ColdReport report = new ColdReport(ColdOptions.parse());
    report.row(row("python", "python3.13", 4, 60));
    report.row(row("java17", "java17", 45, 270));
    report.skip("nodejs22.x on process: no stem cell was waiting after PT2M");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    report.print(new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "| python3.13 | process | 4.00 ms / 8.00 ms | 1.50 ms | 60.0 ms / 90.0 ms | 50.0 ms |"
                + " 15.0× | 20/20, 0/20 | met (4.00 ms ≤ 10.0 ms) |\n")
        .contains(
            "| java17 | process | 45.0 ms / 90.0 ms | 1.50 ms | 270 ms / 405 ms | 260 ms | 6.0× |"
                + " 20/20, 0/20 | missed (45.0 ms > 40.0 ms) |\n")
        .contains("- SKIPPED nodejs22.x on process: no stem cell was waiting after PT2M\n");
    assertThat(report.complete()).isFalse();
  }
}
