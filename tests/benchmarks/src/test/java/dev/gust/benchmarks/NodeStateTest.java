package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the node's gauges from its Prometheus exposition. */
class NodeStateTest {

  private static final String EXPOSITION =
      """
      # HELP gust_StemCells Started runtimes waiting to become an environment.
      # TYPE gust_StemCells gauge
      gust_StemCells 2.0
      # HELP gust_Environments Execution environments on this node, busy or idle.
      # TYPE gust_Environments gauge
      gust_Environments 17.0
      gust_ColdStarts_total{FunctionName="f",Resource="f"} 3.0
      """;

  @Test
  void anUnlabelledSampleIsReadByItsExactName() {
    assertThat(NodeState.gauge(EXPOSITION, NodeState.STEM_CELLS)).contains(2.0);
    assertThat(NodeState.gauge(EXPOSITION, NodeState.ENVIRONMENTS)).contains(17.0);
  }

  @Test
  void aMissingOrOnlyDescribedGaugeIsEmpty() {
    assertThat(NodeState.gauge(EXPOSITION, "gust_Stem")).isEmpty();
    assertThat(NodeState.gauge(EXPOSITION, "gust_ColdStarts_total")).isEmpty();
    assertThat(NodeState.gauge("# HELP gust_StemCells x\n", NodeState.STEM_CELLS)).isEmpty();
  }
}
