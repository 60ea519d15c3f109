package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The warm suite end to end on a real node with the process backend, with short windows: every
 * target is measured at every connection count and no Invoke fails. Numbers are not asserted
 * (performance targets live in the report, never in timed tests).
 */
class WarmBenchmarkTest {

  @Test
  void measuresTheFloorAndGustAtEveryConnectionCount() {
    WarmOptions options =
        WarmOptions.parse(
            "--connections", "1,2", "--seconds", "0.3", "--warmup", "0", "--backend", "process");

    WarmReport report = WarmBenchmark.run(options);

    assertThat(report.rows())
        .extracting(row -> row.target() + "@" + row.result().connections())
        .containsExactly("floor@1", "gust-process@1", "floor@2", "gust-process@2");
    assertThat(report.rows())
        .allSatisfy(
            row -> {
              assertThat(row.result().failed()).isZero();
              assertThat(row.result().succeeded()).isPositive();
            });
    assertThat(report.complete()).isTrue();
  }
}
