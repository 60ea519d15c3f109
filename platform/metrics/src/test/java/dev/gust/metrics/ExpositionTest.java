package dev.gust.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "a{x=\"\",y=\"\"} 2.0                  | a 2.0",
        "a{x=\"\",y=\"1\"} 2.0                 | a{y=\"1\"} 2.0",
        "a{x=\"1\",y=\"\"} 2.0                 | a{x=\"1\"} 2.0",
        "a{x=\"1\",y=\"2\"} 2.0                | a{x=\"1\",y=\"2\"} 2.0",
        "a{x=\"\\\"\",y=\"\"} 2.0              | a{x=\"\\\"\"} 2.0",
        "a{x=\"\\\\\",y=\"\"} 2.0              | a{x=\"\\\\\"} 2.0",
        "a{x=\"=\\\"\\\"\",q=\"0.5\"} 1.0      | a{x=\"=\\\"\\\"\",q=\"0.5\"} 1.0",
        "# HELP a x=\"\" kept in comments     | # HELP a x=\"\" kept in comments",
        "a 3.0                                | a 3.0",
      })
  void emptyLabelsAreWrittenAsAbsent(String line, String expected) {
    assertThat(Exposition.withoutEmptyLabels(line.strip() + "\n")).isEqualTo(expected + "\n");
  }
}
