package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColdOptionsTest {

  @Test
  void defaultsAreTheRuntimesWithStemCellsOnBothBackends() {
    ColdOptions options = ColdOptions.parse();

    assertThat(options.runtimes()).containsExactly("python", "node", "java17");
    assertThat(options.backends()).containsExactly("namespace", "process");
    assertThat(options.cold()).isEqualTo(20);
    assertThat(options.jvmWarmup()).isEqualTo(2000);
  }

  @Test
  void everyOptionIsRead() {
    ColdOptions options =
        ColdOptions.parse(
            "--runtimes",
            "java17, python",
            "--cold",
            "5",
            "--backend",
            "process",
            "--jvm-warmup",
            "0");

    assertThat(options.runtimes()).containsExactly("java17", "python");
    assertThat(options.cold()).isEqualTo(5);
    assertThat(options.backends()).containsExactly("process");
    assertThat(options.jvmWarmup()).isZero();
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --runtimes   | java    | runtime java has no stem cells here
          --runtimes   | ','     | at least one runtime
          --cold       | 0       | between 1 and 200
          --cold       | 201     | between 1 and 200
          --cold       | many    | --cold is a count
          --jvm-warmup | -1      | must not be negative
          --backend    | docker  | namespace, process or both
          --warm       | 10      | unknown option --warm
          """)
  void badValuesAreRefusedWithTheReason(String flag, String value, String reason) {
    assertThatThrownBy(() -> ColdOptions.parse(flag, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void aFlagWithoutItsValueIsRefused() {
    assertThatThrownBy(() -> ColdOptions.parse("--cold")).hasMessage("--cold needs a value");
  }

  @Test
  void helpIsAnEmptyMessage() {
    assertThatThrownBy(() -> ColdOptions.parse("--help")).hasMessage("");
  }
}
