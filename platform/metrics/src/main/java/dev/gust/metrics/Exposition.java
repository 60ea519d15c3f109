package dev.gust.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * How Gust's meters are named, shaped and written out: a Prometheus registry that keeps names as
 * given (CloudWatch's casing), millisecond summaries with published percentiles, and the text
 * exposition without empty labels.
 */
final class Exposition {

  /** How far back the published percentiles look: CloudWatch's one-minute period. */
  static final Duration PERCENTILE_WINDOW = Duration.ofMinutes(1);

  private Exposition() {}

  static PrometheusMeterRegistry registry(InstantSource clock) {
    PrometheusMeterRegistry registry =
        new PrometheusMeterRegistry(
            PrometheusConfig.DEFAULT, new PrometheusRegistry(), micrometerClock(clock));
    registry.config().namingConvention(NamingConvention.identity);
    return registry;
  }

  /** A summary in milliseconds publishing p50, p90 and p99 over the last minute. */
  static DistributionSummary.Builder milliseconds(String name) {
    return DistributionSummary.builder(name)
        .description(Names.help(name))
        .baseUnit("milliseconds")
        .publishPercentiles(0.5, 0.9, 0.99)
        .percentilePrecision(2)
        .distributionStatisticExpiry(PERCENTILE_WINDOW)
        .distributionStatisticBufferLength(3);
  }

  /**
   * Removes labels whose value is empty. Prometheus requires every series of a name to carry the
   * same label names, so account-wide series are registered with empty function labels; Prometheus
   * treats an empty label as an absent one, and this writes them as absent.
   */
  static String withoutEmptyLabels(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end + 1;
      String line = text.substring(start, end);
      int open = line.indexOf('{');
      if (line.startsWith("#") || open < 0) {
        out.append(line);
      } else {
        appendLine(out, line, open);
      }
      start = end;
    }
    return out.toString();
  }

  /** Copies one sample line, keeping only its non-empty labels. */
  private static void appendLine(StringBuilder out, String line, int open) {
    StringBuilder labels = new StringBuilder();
    int i = open + 1;
    while (line.charAt(i) != '}') {
      int equals = line.indexOf('=', i);
      int valueEnd = equals + 2; // past the opening quote
      while (line.charAt(valueEnd) != '"') {
        valueEnd += line.charAt(valueEnd) == '\\' ? 2 : 1;
      }
      if (valueEnd > equals + 2) {
        labels.append(labels.isEmpty() ? "" : ",").append(line, i, valueEnd + 1);
      }
      i = valueEnd + 1;
      if (line.charAt(i) == ',') {
        i++;
      }
    }
    out.append(line, 0, open);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(line, i + 1, line.length());
  }

  private static Clock micrometerClock(InstantSource clock) {
    return new Clock() {
      @Override
      public long wallTime() {
        return clock.millis();
      }

      @Override
      public long monotonicTime() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }
    };
  }
}
