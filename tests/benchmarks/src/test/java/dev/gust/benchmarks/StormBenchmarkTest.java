package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.benchmarks.StormReport.Outcome;
import dev.gust.benchmarks.StormReport.Storm;
import org.junit.jupiter.api.Test;

/**
 * A small storm on a real node with the process backend: every function is invoked at once, every
 * Invoke succeeds, each creates an environment, and the stem cell waiting beforehand is taken by
 * one of them. Numbers are not asserted.
 */
class StormBenchmarkTest {

  @Test
  void everyFunctionIsAnsweredAndGetsAnEnvironment() {
    StormOptions options =
        StormOptions.parse("--functions", "5", "--backend", "process", "--jvm-warmup", "0");

    StormReport report = StormBenchmark.run(options);

    assertThat(report.complete()).isTrue();
    Storm storm = report.storms().getFirst();
    assertThat(storm.count(Outcome.SUCCEEDED)).isEqualTo(5);
    assertThat(storm.environmentsGained()).isEqualTo(5);
    assertThat(storm.cellWaiting()).isTrue();
    assertThat(storm.cellsTaken()).isGreaterThanOrEqualTo(1);
  }
}
