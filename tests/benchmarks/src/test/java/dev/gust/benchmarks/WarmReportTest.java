package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which of the warm suite's targets a Gust row meets, one row per case. */
class WarmReportTest {

  private static Load.Result result(int connections, double perSecond, double p50, double p99) {
    return new Load.Result(
        connections,
        Math.round(perSecond),
        0,
        1.0,
        Optional.of(new Stats(1000, p50, p99, p50)),
        Optional.empty(),
        0.05);
  }

  @ParameterizedTest(name = "{0} connection(s), {1}/s, p50 {2} (floor {4}), p99 {3}: {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1  | 2500 | 0.40 | 2.5 | 0.35 | ''
          1  | 2500 | 0.55 | 2.5 | 0.50 | p50 > 0.5 ms
          1  | 2500 | 0.40 | 3.5 | 0.35 | p99 > 3.0 ms
          1  | 2500 | 0.48 | 2.5 | 0.30 | p50 > 1.3× floor
          16 | 4200 | 3.50 | 9.0 | 3.00 | ''
          16 | 3900 | 3.50 | 9.0 | 3.00 | < 4000/s
          16 | 4200 | 4.00 | 9.0 | 3.00 | p50 > 1.3× floor
          """)
  void gustRowsAreCheckedAgainstTheTargetsForTheirConnectionCount(
      int connections, double perSecond, double p50, double p99, double floorP50, String missed) {
    WarmReport report = new WarmReport(WarmOptions.parse());
    report.row(WarmBenchmark.FLOOR, result(connections, 9999, floorP50, floorP50 * 2));
    report.row("gust-process", result(connections, perSecond, p50, p99));

    WarmReport.Row gust = report.rows().get(1);

    assertThat(report.floorRatio(gust).orElseThrow()).isCloseTo(p50 / floorP50, within());
    assertThat(report.missed(gust))
        .isEqualTo(missed.isEmpty() ? List.of() : List.of(missed.split(", ")));
  }

  private static Offset<Double> within() {
    return Offset.offset(1e-9);
  }

  @Test
  void theMarkdownTableHasOneLinePerRowWithTheRatioToTheFloor() {
    WarmReport report = new WarmReport(WarmOptions.parse());
    report.row(WarmBenchmark.FLOOR, result(1, 2000, 0.3, 0.6));
    report.row("gust-process", result(1, 2500, 0.6, 2.5));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    report.print(new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("| floor | 1 | 2000 | 0.300 | 0.600 | 1.00 | 0 | 0.05 | – |\n")
        .contains(
            "| gust-process | 1 | 2500 | 0.600 | 2.50 | 2.00 | 0 | 0.05 |"
                + " missed: p50 > 0.5 ms, p50 > 1.3× floor |\n");
  }
}
