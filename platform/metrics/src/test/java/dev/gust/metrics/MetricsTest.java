package dev.gust.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gust.metrics.Metrics.Inflight;
import dev.gust.metrics.Metrics.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MetricsTest {

  static final String[] F = {"FunctionName", "f", "Resource", "f"};
  static final String[] F_LATEST = {
    "FunctionName", "f", "Resource", "f", "ExecutedVersion", "$LATEST"
  };

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
  final Metrics metrics = Metrics.create(InstantSource.fixed(now.get()));
  final Target f = new Target("f", "f", false);

  Scrape scrape() {
    return Scrape.parse(metrics.scrape());
  }

  @Test
  void twoInvocationsOneErrorCountPerFunctionAndAccount() {
    metrics.begin(f, false).end("$LATEST", false, Duration.ofMillis(10));
    metrics.begin(f, false).end("$LATEST", true, Duration.ofMillis(30));

    Scrape scrape = scrape();
    assertThat(scrape.get("lambda_Invocations_total", F_LATEST)).isEqualTo(2);
    assertThat(scrape.get("lambda_Errors_total", F_LATEST)).isEqualTo(1);
    assertThat(scrape.get("lambda_Invocations_total")).isEqualTo(2);
    assertThat(scrape.get("lambda_Errors_total")).isEqualTo(1);
    assertThat(scrape.get("lambda_Duration_count", F_LATEST)).isEqualTo(2);
    assertThat(scrape.get("lambda_Duration_sum", F_LATEST)).isEqualTo(40);
    assertThat(scrape.get("lambda_ConcurrentExecutions", F)).isZero();
    assertThat(scrape.types())
        .containsEntry("lambda_Invocations_total", "counter")
        .containsEntry("lambda_Duration", "summary")
        .containsEntry("lambda_ConcurrentExecutions", "gauge");
  }

  @Test
  void accountSeriesAreWrittenWithoutLabels() {
    metrics.begin(f, false).end("$LATEST", false, Duration.ZERO);

    assertThat(metrics.scrape().lines())
        .contains(
            "lambda_Invocations_total 1.0",
            "lambda_Errors_total 0.0",
            "lambda_ConcurrentExecutions 0.0",
            "lambda_UnreservedConcurrentExecutions 0.0");
  }

  @Test
  void beginWithoutEndIsInFlight() {
    metrics.begin(f, false);
    metrics.begin(new Target("g", "g", true), false);

    Scrape scrape = scrape();
    assertThat(scrape.get("lambda_ConcurrentExecutions", F)).isEqualTo(1);
    assertThat(scrape.get("lambda_ConcurrentExecutions", "FunctionName", "g", "Resource", "g"))
        .isEqualTo(1);
    assertThat(scrape.get("lambda_ConcurrentExecutions")).isEqualTo(2);
    assertThat(scrape.get("lambda_UnreservedConcurrentExecutions")).isEqualTo(1);
    assertThat(scrape.value("lambda_Invocations_total", F_LATEST)).isEmpty();
  }

  @Test
  void endingTwiceCountsOnce() {
    Inflight inflight = metrics.begin(f, false);
    inflight.end("$LATEST", true, Duration.ofMillis(5));
    inflight.end("$LATEST", true, Duration.ofMillis(5));

    Scrape scrape = scrape();
    assertThat(scrape.get("lambda_Invocations_total", F_LATEST)).isEqualTo(1);
    assertThat(scrape.get("lambda_Errors_total")).isEqualTo(1);
    assertThat(scrape.get("lambda_ConcurrentExecutions")).isZero();
    assertThat(scrape.get("lambda_UnreservedConcurrentExecutions")).isZero();
  }

  @Test
  void aliasInvocationsCarryResourceAndExecutedVersion() {
    Target live = Target.of("f", Optional.of("live"), false);
    metrics.begin(live, false).end("3", false, Duration.ofMillis(1));

    assertThat(
            scrape()
                .get(
                    "lambda_Invocations_total",
                    "FunctionName",
                    "f",
                    "Resource",
                    "f:live",
                    "ExecutedVersion",
                    "3"))
        .isEqualTo(1);
  }

  @Test
  void throttlesAreNotInvocations() {
    metrics.throttled(f);

    Scrape scrape = scrape();
    assertThat(scrape.get("lambda_Throttles_total", F)).isEqualTo(1);
    assertThat(scrape.get("lambda_Throttles_total")).isEqualTo(1);
    assertThat(scrape.get("lambda_Invocations_total")).isZero();
  }

  @Test
  void provisionedUtilizationIsInFlightOverAllocated() {
    Target live = new Target("f", "f:live", false);
    metrics.provisionedAllocated(live, 2);
    Inflight first = metrics.begin(live, true);
    metrics.spillover(live);
    String[] labels = {"FunctionName", "f", "Resource", "f:live"};

    Scrape busy = scrape();
    assertThat(busy.get("lambda_ProvisionedConcurrentExecutions", labels)).isEqualTo(1);
    assertThat(busy.get("lambda_ProvisionedConcurrencyUtilization", labels)).isEqualTo(0.5);
    assertThat(busy.get("lambda_ProvisionedConcurrencySpilloverInvocations_total", labels))
        .isEqualTo(1);

    first.end("2", false, Duration.ofMillis(3));
    Scrape idle = scrape();
    assertThat(idle.get("lambda_ProvisionedConcurrencyUtilization", labels)).isZero();
    assertThat(idle.get("lambda_ProvisionedConcurrencyInvocations_total", labels)).isEqualTo(1);

    metrics.provisionedAllocated(live, 0);
    assertThat(scrape().value("lambda_ProvisionedConcurrencyUtilization", labels)).isEmpty();
  }

  @Test
  void onDemandFunctionsHaveNoProvisionedSeries() {
    metrics.begin(f, false).end("$LATEST", false, Duration.ZERO);

    assertThat(metrics.scrape()).doesNotContain("Provisioned");
  }

  @Test
  void durationPublishesPercentilesInMilliseconds() {
    for (int ms = 1; ms <= 100; ms++) {
      metrics.begin(f, false).end("$LATEST", false, Duration.ofMillis(ms));
    }

    Scrape scrape = scrape();
    assertThat(quantile(scrape, "lambda_Duration", "0.5")).isCloseTo(50, within(1.0));
    assertThat(quantile(scrape, "lambda_Duration", "0.9")).isCloseTo(90, within(1.0));
    assertThat(quantile(scrape, "lambda_Duration", "0.99")).isCloseTo(99, within(1.0));
    assertThat(scrape.get("lambda_Duration_max", F_LATEST)).isEqualTo(100);
  }

  @Test
  void percentilesForgetInvocationsOlderThanTheWindow() {
    Metrics clocked = Metrics.create(now::get);
    clocked.begin(f, false).end("$LATEST", false, Duration.ofMillis(400));

    now.updateAndGet(t -> t.plus(Exposition.PERCENTILE_WINDOW).plusSeconds(1));
    Scrape later = Scrape.parse(clocked.scrape());
    assertThat(quantile(later, "lambda_Duration", "0.99")).isZero();
    assertThat(later.get("lambda_Duration_count", F_LATEST)).isEqualTo(1);
  }

  @Test
  void coldStartsAndInitDurationAreGustsOwn() {
    metrics.coldStart(f, Duration.ofMillis(120));

    Scrape scrape = scrape();
    assertThat(scrape.get("gust_ColdStarts_total", F)).isEqualTo(1);
    assertThat(scrape.get("gust_InitDuration_sum", F)).isEqualTo(120);
    assertThat(
            scrape.get(
                "gust_InitDuration", "FunctionName", "f", "Resource", "f", "quantile", "0.5"))
        .isCloseTo(120, within(1.5));
  }

  @Test
  void genericMetricsTakeLambdaNames() {
    metrics.count("AsyncEventsReceived", f);
    metrics.count("AsyncEventsReceived", f);
    metrics.record("AsyncEventAge", f, 250);

    Scrape scrape = scrape();
    assertThat(scrape.get("lambda_AsyncEventsReceived_total", F)).isEqualTo(2);
    assertThat(scrape.get("lambda_AsyncEventAge_sum", F)).isEqualTo(250);
    assertThatThrownBy(() -> metrics.count("Invocations", f))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.record("AsyncEventsReceived", f, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.count("bad name", f))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentInvocationsLoseNoCounts() throws Exception {
    int threads = 8;
    int each = 2_000;
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        Target target = new Target("f", t % 2 == 0 ? "f" : "f:live", t % 4 == 0);
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    metrics.begin(target, false).end("$LATEST", i % 10 == 0, Duration.ofMillis(i));
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    }

    Scrape scrape = scrape();
    assertThat(scrape.get("lambda_Invocations_total")).isEqualTo(threads * each);
    assertThat(scrape.get("lambda_Errors_total")).isEqualTo(threads * each / 10);
    assertThat(scrape.get("lambda_Invocations_total", F_LATEST)).isEqualTo(threads * each / 2);
    assertThat(scrape.get("lambda_ConcurrentExecutions")).isZero();
    assertThat(scrape.get("lambda_UnreservedConcurrentExecutions")).isZero();
  }

  private static double quantile(Scrape scrape, String name, String q) {
    return scrape.get(
        name, "FunctionName", "f", "Resource", "f", "ExecutedVersion", "$LATEST", "quantile", q);
  }
}
