package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarmOptionsTest {

  @Test
  void defaultsAreOneAndSixteenConnectionsForTenSecondsOnBothBackends() {
    WarmOptions options = WarmOptions.parse();

    assertThat(options.connections()).containsExactly(1, 16);
    assertThat(options.maxConnections()).isEqualTo(16);
    assertThat(options.window()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.backends()).containsExactly("process", "namespace");
  }

  @Test
  void everyOptionIsRead() {
    WarmOptions options =
        WarmOptions.parse(
            "--connections", "4, 1,8", "--seconds", "2.5", "--warmup", "0", "--backend", "process");

    assertThat(options.connections()).containsExactly(4, 1, 8);
    assertThat(options.maxConnections()).isEqualTo(8);
    assertThat(options.window()).isEqualTo(Duration.ofMillis(2500));
    assertThat(options.warmup()).isZero();
    assertThat(options.backends()).isEqualTo(List.of("process"));
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --connections | 0       | between 1 and 256
          --connections | 1,x     | a list of counts
          --seconds     | 0       | must be positive
          --seconds     | ten     | a number of seconds
          --warmup      | -1      | not negative
          --backend     | docker  | namespace, process or both
          --threads     | 4       | unknown option --threads
          """)
  void badValuesAreRefusedWithTheReason(String flag, String value, String reason) {
    assertThatThrownBy(() -> WarmOptions.parse(flag, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void helpIsAnEmptyMessage() {
    assertThatThrownBy(() -> WarmOptions.parse("--help")).hasMessage("");
  }
}
