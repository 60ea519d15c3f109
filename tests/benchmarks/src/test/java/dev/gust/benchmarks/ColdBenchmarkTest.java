package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The cold suite end to end on a real node with the process backend, with few cold starts: the ones
 * of the cells' shape each take a stem cell, the fresh ones take none. Numbers are not asserted
 * (performance targets live in the report, never in timed tests).
 */
class ColdBenchmarkTest {

  @Test
  void coldStartsOfTheCellsShapeTakeAStemCellAndFreshOnesDoNot() {
    ColdOptions options =
        ColdOptions.parse(
            "--runtimes", "python", "--cold", "3", "--backend", "process", "--jvm-warmup", "0");

    ColdReport report = ColdBenchmark.run(options);

    assertThat(report.complete()).isTrue();
    assertThat(report.rows()).hasSize(1);
    StemCellStarts.Result result = report.rows().getFirst().result();
    assertThat(result.cell().latency().count()).isEqualTo(3);
    assertThat(result.cell().specialized()).isEqualTo(3);
    assertThat(result.fresh().latency().count()).isEqualTo(3);
    assertThat(result.fresh().specialized()).isZero();
    assertThat(result.cell().init()).isPresent();
    assertThat(result.fresh().init()).isPresent();
  }
}
