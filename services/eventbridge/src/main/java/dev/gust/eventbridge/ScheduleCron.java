package dev.gust.eventbridge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * AWS's six-field cron, in UTC: {@code minutes hours day-of-month month day-of-week year}. Fields
 * take {@code * , - /}; day-of-month also {@code ?}, {@code L}, {@code W} ({@code 15W}, {@code
 * LW}); day-of-week also {@code ?}, {@code L} ({@code 6L}, the last Friday) and {@code #} ({@code
 * 2#1}, the first Monday). Days of the week run from 1 (SUN) to 7 (SAT); months and days take their
 * three-letter names. One of the two day fields must be {@code ?}.
 *
 * @param daysOfMonth plain days of the month; empty when the field is {@code ?}
 * @param lastDayOfMonth {@code L} in day-of-month
 * @param weekdayNear days written {@code nW}: the weekday nearest to day n, within the month
 * @param lastWeekdayOfMonth {@code LW}
 * @param daysOfWeek plain days of the week (1-7); empty when the field is {@code ?}
 * @param lastDayOfWeek days written {@code nL}: the last such day of the month
 * @param nthDayOfWeek days written {@code d#n}, encoded as {@code d * 10 + n}
 */
record ScheduleCron(
    BitSet minutes,
    BitSet hours,
    BitSet daysOfMonth,
    boolean lastDayOfMonth,
    BitSet weekdayNear,
    boolean lastWeekdayOfMonth,
    BitSet months,
    BitSet daysOfWeek,
    BitSet lastDayOfWeek,
    BitSet nthDayOfWeek,
    BitSet years)
    implements ScheduleExpression {

  private static final int FIRST_YEAR = 1970;
  private static final int LAST_YEAR = 2199;
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  static ScheduleCron parse(String text) {
    String[] fields = text.strip().split("\\s+");
    if (fields.length != 6) {
      throw invalid();
    }
    String dom = fields[2].toUpperCase(Locale.ROOT);
    String dow = fields[4].toUpperCase(Locale.ROOT);
    if (dom.equals("?") == dow.equals("?")) {
      throw invalid();
    }
    BitSet daysOfMonth = new BitSet();
    BitSet near = new BitSet();
    boolean last = false;
    boolean lastWeekday = false;
    if (!dom.equals("?")) {
      for (String item : dom.split(",")) {
        if (item.equals("L")) {
          last = true;
        } else if (item.equals("LW")) {
          lastWeekday = true;
        } else if (item.endsWith("W")) {
          near.set(number(item.substring(0, item.length() - 1), 1, 31, List.of()));
        } else {
          daysOfMonth.or(range(item, 1, 31, List.of()));
        }
      }
    }
    BitSet daysOfWeek = new BitSet();
    BitSet lastOfWeek = new BitSet();
    BitSet nth = new BitSet();
    if (!dow.equals("?")) {
      for (String item : dow.split(",")) {
        if (item.equals("L")) {
          daysOfWeek.set(7);
        } else if (item.endsWith("L")) {
          lastOfWeek.set(number(item.substring(0, item.length() - 1), 1, 7, DAYS));
        } else if (item.contains("#")) {
          String[] parts = item.split("#", 2);
          nth.set(number(parts[0], 1, 7, DAYS) * 10 + number(parts[1], 1, 5, List.of()));
        } else {
          daysOfWeek.or(range(item, 1, 7, DAYS));
        }
      }
    }
    return new ScheduleCron(
        range(fields[0], 0, 59, List.of()),
        range(fields[1], 0, 23, List.of()),
        daysOfMonth,
        last,
        near,
        lastWeekday,
        range(fields[3].toUpperCase(Locale.ROOT), 1, 12, MONTHS),
        daysOfWeek,
        lastOfWeek,
        nth,
        range(fields[5], FIRST_YEAR, LAST_YEAR, List.of()));
  }

  @Override
  public Optional<Instant> next(Instant origin, Instant after) {
    LocalDateTime start =
        LocalDateTime.ofInstant(after, ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MINUTES)
            .plusMinutes(1);
    LocalDate day = start.toLocalDate();
    while (day.getYear() <= LAST_YEAR) {
      if (!years.get(day.getYear()) || !months.get(day.getMonthValue())) {
        day = day.withDayOfMonth(1).plusMonths(1);
        continue;
      }
      if (dayMatches(day)) {
        int fromHour = day.equals(start.toLocalDate()) ? start.getHour() : 0;
        for (int hour = hours.nextSetBit(fromHour); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
          int fromMinute =
              day.equals(start.toLocalDate()) && hour == start.getHour() ? start.getMinute() : 0;
          int minute = minutes.nextSetBit(fromMinute);
          if (minute >= 0) {
            return Optional.of(day.atTime(hour, minute).toInstant(ZoneOffset.UTC));
          }
        }
      }
      day = day.plusDays(1);
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate day) {
    if (daysOfWeek.isEmpty() && lastDayOfWeek.isEmpty() && nthDayOfWeek.isEmpty()) {
      return dayOfMonthMatches(day);
    }
    int dow = day.getDayOfWeek().getValue() % 7 + 1;
    if (daysOfWeek.get(dow)) {
      return true;
    }
    if (lastDayOfWeek.get(dow) && day.plusWeeks(1).getMonth() != day.getMonth()) {
      return true;
    }
    int week = (day.getDayOfMonth() - 1) / 7 + 1;
    return nthDayOfWeek.get(dow * 10 + week);
  }

  private boolean dayOfMonthMatches(LocalDate day) {
    int dom = day.getDayOfMonth();
    int length = day.lengthOfMonth();
    if (daysOfMonth.get(dom) || (lastDayOfMonth && dom == length)) {
      return true;
    }
    if (lastWeekdayOfMonth && day.equals(nearestWeekday(day, length))) {
      return true;
    }
    for (int n = weekdayNear.nextSetBit(1); n >= 0; n = weekdayNear.nextSetBit(n + 1)) {
      if (n <= length && day.equals(nearestWeekday(day, n))) {
        return true;
      }
    }
    return false;
  }

  /** The weekday nearest to day {@code n} of {@code day}'s month, not leaving the month. */
  private static LocalDate nearestWeekday(LocalDate day, int n) {
    LocalDate target = day.withDayOfMonth(n);
    return switch (target.getDayOfWeek()) {
      case SATURDAY -> n == 1 ? target.plusDays(2) : target.minusDays(1);
      case SUNDAY -> n == target.lengthOfMonth() ? target.minusDays(2) : target.plusDays(1);
      default -> target;
    };
  }

  private static BitSet range(String field, int min, int max, List<String> names) {
    BitSet result = new BitSet();
    for (String item : field.split(",")) {
      int step = 1;
      String base = item;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        step = number(item.substring(slash + 1), 1, max, List.of());
        base = item.substring(0, slash);
      }
      int from;
      int to;
      if (base.equals("*")) {
        from = min;
        to = max;
      } else if (base.contains("-")) {
        String[] parts = base.split("-", 2);
        from = number(parts[0], min, max, names);
        to = number(parts[1], min, max, names);
      } else {
        from = number(base, min, max, names);
        to = slash >= 0 ? max : from;
      }
      List<Integer> values = new ArrayList<>();
      if (from <= to) {
        for (int v = from; v <= to; v += step) {
          values.add(v);
        }
      } else {
        // A wrapping range such as FRI-MON or NOV-FEB.
        for (int v = from; v <= max; v += step) {
          values.add(v);
        }
        for (int v = min; v <= to; v += step) {
          values.add(v);
        }
      }
      values.forEach(result::set);
    }
    return result;
  }

  private static int number(String text, int min, int max, List<String> names) {
    int named = names.indexOf(text);
    if (named >= 0) {
      return named + 1;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw invalid();
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static IllegalArgumentException invalid() {
    return new IllegalArgumentException("Parameter ScheduleExpression is not valid.");
  }
}
