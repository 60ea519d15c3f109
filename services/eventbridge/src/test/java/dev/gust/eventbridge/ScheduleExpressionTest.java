package dev.gust.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AWS's schedule expressions, one row per case: the next firing after a given instant. */
class ScheduleExpressionTest {

  private static final Instant ORIGIN = Instant.parse("2025-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "rate(1 minute)      | 2025-01-01T00:00:00Z | 2025-01-01T00:01:00Z",
        "rate(5 minutes)     | 2025-01-01T00:07:30Z | 2025-01-01T00:10:00Z",
        "rate(2 hours)       | 2025-01-01T02:00:00Z | 2025-01-01T04:00:00Z",
        "rate(1 day)         | 2025-01-03T12:00:00Z | 2025-01-04T00:00:00Z",
        "cron(0 10 * * ? *)  | 2025-03-05T10:00:00Z | 2025-03-06T10:00:00Z",
        "cron(15 10 ? * 6L 2025) | 2025-03-01T00:00:00Z | 2025-03-28T10:15:00Z",
        "cron(0/15 * * * ? *) | 2025-03-05T10:16:00Z | 2025-03-05T10:30:00Z",
        "cron(0 18 ? * MON-FRI *) | 2025-03-07T18:00:00Z | 2025-03-10T18:00:00Z",
        "cron(0 8 1 * ? *)   | 2025-03-01T08:00:00Z | 2025-04-01T08:00:00Z",
        "cron(0 0 L * ? *)   | 2025-02-01T00:00:00Z | 2025-02-28T00:00:00Z",
        "cron(0 0 LW * ? *)  | 2025-05-01T00:00:00Z | 2025-05-30T00:00:00Z",
        "cron(0 0 15W * ? *) | 2025-06-01T00:00:00Z | 2025-06-16T00:00:00Z",
        "cron(0 9 ? * 2#1 *) | 2025-03-04T00:00:00Z | 2025-04-07T09:00:00Z",
        "cron(0 12 ? JAN,JUL SUN 2026) | 2025-03-01T00:00:00Z | 2026-01-04T12:00:00Z",
      })
  void nextFiring(String expression, String after, String expected) {
    assertThat(ScheduleExpression.parse(expression).next(ORIGIN, Instant.parse(after)))
        .contains(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rate(0 minutes)",
        "rate(1 minutes)",
        "rate(5 minute)",
        "rate(5 weeks)",
        "cron(0 10 * * * *)",
        "cron(0 10 ? * ? *)",
        "cron(61 10 * * ? *)",
        "cron(0 10 * * ?)",
        "every day"
      })
  void invalidExpressionsAreRefused(String expression) {
    assertThatThrownBy(() -> ScheduleExpression.parse(expression))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cron(0 0 1 1 ? 1999)"})
  void scheduleThatEndedNeverFires(String expression) {
    assertThat(ScheduleExpression.parse(expression).next(ORIGIN, ORIGIN)).isEmpty();
  }
}
