package dev.gust.eventbridge;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge rule's {@code ScheduleExpression}: {@code rate(value unit)} or {@code cron(minutes
 * hours day-of-month month day-of-week year)}, in UTC.
 */
sealed interface ScheduleExpression permits ScheduleExpression.Rate, ScheduleCron {

  Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+([a-zA-Z]+)\\s*\\)");
  Pattern CRON = Pattern.compile("cron\\((.*)\\)");

  /**
   * The first instant strictly after {@code after} at which the schedule fires, or empty if it
   * never fires again. {@code origin} is when the rule was created: rates count from it.
   */
  Optional<Instant> next(Instant origin, Instant after);

  /** Every {@code period}, counted from the rule's creation. */
  record Rate(Duration period) implements ScheduleExpression {

    @Override
    public Optional<Instant> next(Instant origin, Instant after) {
      if (after.isBefore(origin)) {
        return Optional.of(origin.plus(period));
      }
      long periods = Duration.between(origin, after).toMillis() / period.toMillis() + 1;
      return Optional.of(origin.plus(period.multipliedBy(periods)));
    }
  }

  /**
   * Parses an expression as AWS writes it.
   *
   * @throws IllegalArgumentException with the reason if it is not valid
   */
  static ScheduleExpression parse(String text) {
    Matcher rate = RATE.matcher(text.strip());
    if (rate.matches()) {
      return rate(Long.parseLong(rate.group(1)), rate.group(2).toLowerCase(Locale.ROOT));
    }
    Matcher cron = CRON.matcher(text.strip());
    if (cron.matches()) {
      return ScheduleCron.parse(cron.group(1));
    }
    throw new IllegalArgumentException("Parameter ScheduleExpression is not valid.");
  }

  private static Rate rate(long value, String unit) {
    if (value <= 0) {
      throw new IllegalArgumentException("Parameter ScheduleExpression is not valid.");
    }
    boolean singular = unit.equals("minute") || unit.equals("hour") || unit.equals("day");
    if (singular != (value == 1)) {
      // AWS: "rate(1 minutes)" and "rate(5 minute)" are both refused.
      throw new IllegalArgumentException("Parameter ScheduleExpression is not valid.");
    }
    Duration period =
        switch (unit) {
          case "minute", "minutes" -> Duration.ofMinutes(value);
          case "hour", "hours" -> Duration.ofHours(value);
          case "day", "days" -> Duration.ofDays(value);
          default ->
              throw new IllegalArgumentException("Parameter ScheduleExpression is not valid.");
        };
    return new Rate(period);
  }
}
