package dev.gust.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * A latency distribution in milliseconds. Percentiles are nearest-rank: with 30 samples the p99 is
 * the largest one.
 */
record Stats(int count, double p50, double p99, double mean) {

  /** Stats of durations in nanoseconds. */
  static Stats ofNanos(long[] nanos) {
    double[] millis = new double[nanos.length];
    for (int i = 0; i < nanos.length; i++) {
      millis[i] = nanos[i] / 1e6;
    }
    return ofMillis(millis);
  }

  static Stats ofMillis(double[] millis) {
    if (millis.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Stats(
        sorted.length,
        rank(sorted, 0.50),
        rank(sorted, 0.99),
        Arrays.stream(sorted).average().orElseThrow());
  }

  private static double rank(double[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** A duration for a table cell: two decimals under 10 ms, one under 100 ms, none above. */
  static String ms(double millis) {
    String format = millis < 10 ? "%.2f" : millis < 100 ? "%.1f" : "%.0f";
    return String.format(Locale.ROOT, format, millis) + " ms";
  }

  String p50p99() {
    return ms(p50) + " / " + ms(p99);
  }
}
