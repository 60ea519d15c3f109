package dev.gust.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LineageTest {

  @Test
  void readsTheCountOfAnXRayTraceHeader() {
    assertThat(
            Lineage.of(
                Optional.of(
                    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;"
                        + "Lineage=a87bd80c:7")))
        .isEqualTo(OptionalInt.of(7));
    assertThat(Lineage.of(Optional.of("Root=1-5759e988-bd862e3fe1be46a994272793"))).isEmpty();
    assertThat(Lineage.of(Optional.of("Lineage=zz:1"))).isEmpty();
    assertThat(Lineage.of(Optional.empty())).isEmpty();
  }

  @Test
  void writesTheCountAfterTheFirstHop() {
    assertThat(Lineage.header(() -> "arn:aws:lambda:us-east-1:000000000000:function:f", 0))
        .isEmpty();
    assertThat(Lineage.header(() -> "arn:aws:lambda:us-east-1:000000000000:function:f", 3))
        .matches(";Lineage=[0-9a-f]{8}:3");
  }
}
