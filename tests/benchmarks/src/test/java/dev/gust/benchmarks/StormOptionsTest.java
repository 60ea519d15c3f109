package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StormOptionsTest {

  @Test
  void defaultsAreTwoHundredFunctionsOnTheProcessBackend() {
    StormOptions options = StormOptions.parse();

    assertThat(options.functions()).isEqualTo(200);
    assertThat(options.backends()).containsExactly("process");
    assertThat(options.jvmWarmup()).isEqualTo(2000);
  }

  @Test
  void everyOptionIsRead() {
    StormOptions options =
        StormOptions.parse("--functions", "50", "--backend", "both", "--jvm-warmup", "10");

    assertThat(options.functions()).isEqualTo(50);
    assertThat(options.backends()).containsExactly("namespace", "process");
    assertThat(options.jvmWarmup()).isEqualTo(10);
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --functions  | 0      | between 1 and 1000
          --functions  | 1001   | between 1 and 1000
          --functions  | lots   | --functions is a count
          --jvm-warmup | -5     | must not be negative
          --backend    | vm     | namespace, process or both
          --cold       | 3      | unknown option --cold
          """)
  void badValuesAreRefusedWithTheReason(String flag, String value, String reason) {
    assertThatThrownBy(() -> StormOptions.parse(flag, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void helpIsAnEmptyMessage() {
    assertThatThrownBy(() -> StormOptions.parse("-h")).hasMessage("");
  }
}
