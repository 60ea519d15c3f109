package dev.gust.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one function resource: one {@code FunctionName} and {@code Resource} pair, and the
 * {@code ExecutedVersion}s run under it. Meters are registered the first time they are needed and
 * then found in a map, so recording costs a map lookup and Micrometer's own update.
 *
 * <p>The gauges read this object's counters; {@link Metrics} keeps it for the node's lifetime, so
 * Micrometer's weak references to it never lapse.
 */
final class FunctionMeters {

  /** The meters of one executed version, recorded when an invocation ends. */
  record Executed(Counter invocations, Counter errors, DistributionSummary duration) {}

  final AtomicInteger concurrent = new AtomicInteger();
  final AtomicInteger provisioned = new AtomicInteger();

  private final MeterRegistry registry;
  private final Tags tags;
  private final ConcurrentHashMap<String, Meter> meters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Executed> versions = new ConcurrentHashMap<>();
  private volatile int allocated;
  private Gauge utilization; // guarded by this

  FunctionMeters(MeterRegistry registry, String functionName, String resource) {
    this.registry = registry;
    this.tags = Tags.of("FunctionName", functionName, "Resource", resource);
    Gauge.builder(Names.CONCURRENT, concurrent, AtomicInteger::get)
        .description(Names.help(Names.CONCURRENT))
        .tags(tags)
        .register(registry);
  }

  Executed executed(String version) {
    return versions.computeIfAbsent(
        version,
        v -> {
          Tags versionTags = tags.and("ExecutedVersion", v);
          return new Executed(
              counterBuilder(Names.INVOCATIONS).tags(versionTags).register(registry),
              counterBuilder(Names.ERRORS).tags(versionTags).register(registry),
              Exposition.milliseconds(Names.DURATION).tags(versionTags).register(registry));
        });
  }

  Counter counter(String name) {
    return (Counter)
        meters.computeIfAbsent(name, n -> counterBuilder(n).tags(tags).register(registry));
  }

  DistributionSummary summary(String name) {
    return (DistributionSummary)
        meters.computeIfAbsent(name, n -> Exposition.milliseconds(n).tags(tags).register(registry));
  }

  /** Counts one provisioned execution starting, registering its gauge on first use. */
  void provisionedStarted() {
    meters.computeIfAbsent(
        Names.PROVISIONED,
        n ->
            Gauge.builder(n, provisioned, AtomicInteger::get)
                .description(Names.help(n))
                .tags(tags)
                .register(registry));
    provisioned.incrementAndGet();
  }

  /**
   * Sets the provisioned concurrency allocated to this resource. The utilization series exists
   * while it is above zero.
   */
  synchronized void allocate(int count) {
    allocated = count;
    if (count > 0 && utilization == null) {
      utilization =
          Gauge.builder(Names.UTILIZATION, this, FunctionMeters::utilization)
              .description(Names.help(Names.UTILIZATION))
              .tags(tags)
              .register(registry);
    } else if (count == 0 && utilization != null) {
      registry.remove(utilization);
      utilization = null;
    }
  }

  private double utilization() {
    int total = allocated;
    return total == 0 ? 0 : (double) provisioned.get() / total;
  }

  private static Counter.Builder counterBuilder(String name) {
    return Counter.builder(name).description(Names.help(name));
  }
}
