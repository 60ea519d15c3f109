package dev.gust.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * Lambda's CloudWatch metrics for one node, per function and account-wide, kept in a Micrometer
 * Prometheus registry and written by {@link #scrape()} in Prometheus text format 0.0.4.
 *
 * <p>Names are CloudWatch's with a {@code lambda_} prefix and CloudWatch's casing; the Prometheus
 * text format adds {@code _total} to counters ({@code lambda_Invocations_total}). CloudWatch's
 * dimensions are labels:
 *
 * <ul>
 *   <li>{@code lambda_Invocations_total}, {@code lambda_Errors_total} and the {@code
 *       lambda_Duration} summary (milliseconds; {@code quantile} 0.5, 0.9 and 0.99 over the last
 *       minute, {@code _count}, {@code _sum}, and a recent maximum {@code lambda_Duration_max})
 *       carry {@code FunctionName}, {@code Resource} and {@code ExecutedVersion};
 *   <li>{@code lambda_Throttles_total}, {@code lambda_ConcurrentExecutions}, {@code
 *       lambda_ProvisionedConcurrentExecutions}, {@code lambda_ProvisionedConcurrencyInvocations},
 *       {@code lambda_ProvisionedConcurrencyUtilization}, {@code
 *       lambda_ProvisionedConcurrencySpilloverInvocations}, Gust's own {@code
 *       gust_ColdStarts_total} and {@code gust_InitDuration} (milliseconds) and the generic metrics
 *       carry {@code FunctionName} and {@code Resource};
 *   <li>account-wide series have no function labels: {@code lambda_Invocations_total}, {@code
 *       lambda_Errors_total}, {@code lambda_Throttles_total}, {@code lambda_ConcurrentExecutions}
 *       and {@code lambda_UnreservedConcurrentExecutions}. As in CloudWatch they repeat the sum of
 *       the function series: select one or the other ({@code {FunctionName=""}} or {@code
 *       {FunctionName!=""}}) before summing.
 * </ul>
 *
 * <p>Implementation notes: recording is on every invocation's path and takes no lock of its own.
 * Meters are created on first use and cached per function resource in a {@link ConcurrentHashMap};
 * a series stays once it has appeared (the provisioned utilization excepted, see {@link
 * #provisionedAllocated}). Gauges read counters held by this object, so they never go stale.
 */
public final class Metrics {

  /**
   * The function resource an invocation is for, as CloudWatch names it.
   *
   * @param functionName the function's name, without qualifier
   * @param resource the function's name, or {@code name:qualifier} when invoked by version or alias
   * @param reserved whether the function has reserved concurrency, which keeps its invocations out
   *     of {@code UnreservedConcurrentExecutions}
   */
  public record Target(String functionName, String resource, boolean reserved) {

    public Target {
      if (functionName.isEmpty() || resource.isEmpty()) {
        throw new IllegalArgumentException("a target needs a function name and a resource");
      }
    }

    /** The target of an invocation by name, with the qualifier the caller gave, if any. */
    public static Target of(String functionName, Optional<String> qualifier, boolean reserved) {
      return new Target(
          functionName, qualifier.map(q -> functionName + ":" + q).orElse(functionName), reserved);
    }
  }

  /** One invocation in flight, from {@link #begin} until {@link #end}. */
  public interface Inflight {

    /**
     * Ends the invocation: it leaves the concurrency gauges and counts as one {@code Invocations}
     * (and one {@code Errors} if {@code error}) with its {@code Duration}. Only the first call
     * counts; later ones do nothing.
     *
     * @param executedVersion the version that ran, such as {@code $LATEST} or {@code 3}
     * @param error whether the invocation ended in a function error (including a timeout)
     * @param duration the time the function code spent on the event
     */
    void end(String executedVersion, boolean error, Duration duration);
  }

  private static final Pattern GENERIC_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

  private final PrometheusMeterRegistry registry;
  private final ConcurrentHashMap<Key, FunctionMeters> functions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Boolean> genericIsCounter = new ConcurrentHashMap<>();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger unreserved = new AtomicInteger();
  private final Counter invocations;
  private final Counter errors;
  private final Counter throttles;

  /** A function resource's identity; {@link Target#reserved} may change and is not part of it. */
  private record Key(String functionName, String resource) {}

  private Metrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    Tags noFunction = Tags.of("FunctionName", "", "Resource", "");
    Tags noVersion = noFunction.and("ExecutedVersion", "");
    invocations = accountCounter(Names.INVOCATIONS, noVersion);
    errors = accountCounter(Names.ERRORS, noVersion);
    throttles = accountCounter(Names.THROTTLES, noFunction);
    Gauge.builder(Names.CONCURRENT, concurrent, AtomicInteger::get)
        .description(Names.help(Names.CONCURRENT))
        .tags(noFunction)
        .register(registry);
    Gauge.builder(Names.UNRESERVED, unreserved, AtomicInteger::get)
        .description(Names.help(Names.UNRESERVED))
        .register(registry);
  }

  /** Metrics in their own registry, on the system clock. */
  public static Metrics create() {
    return create(InstantSource.system());
  }

  /** Metrics in their own registry; the clock moves the window of the published percentiles. */
  public static Metrics create(InstantSource clock) {
    return new Metrics(Exposition.registry(clock));
  }

  /**
   * Starts an invocation: {@code ConcurrentExecutions} of the function resource and of the account
   * go up, {@code UnreservedConcurrentExecutions} too unless the function has reserved concurrency,
   * and {@code ProvisionedConcurrentExecutions} if it runs on a provisioned environment.
   */
  public Inflight begin(Target target, boolean provisioned) {
    FunctionMeters function = function(target);
    boolean counted = !target.reserved();
    function.concurrent.incrementAndGet();
    concurrent.incrementAndGet();
    if (counted) {
      unreserved.incrementAndGet();
    }
    if (provisioned) {
      function.provisionedStarted();
    }
    return new Flight(function, counted, provisioned);
  }

  /** Counts an invoke request refused for lack of concurrency; it is not an invocation. */
  public void throttled(Target target) {
    function(target).counter(Names.THROTTLES).increment();
    throttles.increment();
  }

  /** Counts an invocation that started a new environment, and the time its init phase took. */
  public void coldStart(Target target, Duration init) {
    FunctionMeters function = function(target);
    function.counter(Names.COLD_STARTS).increment();
    function.summary(Names.INIT_DURATION).record(millis(init));
  }

  /** Counts an invocation served on demand because every provisioned environment was busy. */
  public void spillover(Target target) {
    function(target).counter(Names.SPILLOVER).increment();
  }

  /**
   * Sets the provisioned concurrency allocated to a version or alias, the denominator of {@code
   * ProvisionedConcurrencyUtilization}. Zero removes that series.
   */
  public void provisionedAllocated(Target target, int allocated) {
    if (allocated < 0) {
      throw new IllegalArgumentException("allocated concurrency is negative: " + allocated);
    }
    function(target).allocate(allocated);
  }

  /**
   * Adds one to the counter {@code lambda_<lambdaName>_total} of a function resource, for
   * CloudWatch metrics this class does not record itself, such as {@code AsyncEventsReceived},
   * {@code AsyncEventsDropped}, {@code DeadLetterErrors} or {@code DestinationDeliveryFailures}.
   *
   * @throws IllegalArgumentException if the name is not a CloudWatch-style name, is one this class
   *     records, or was given to {@link #record}
   */
  public void count(String lambdaName, Target target) {
    function(target).counter(generic(lambdaName, true)).increment();
  }

  /**
   * Records a value in the summary {@code lambda_<lambdaName>} of a function resource, in
   * milliseconds with percentiles like {@code Duration}, such as {@code AsyncEventAge}.
   *
   * @throws IllegalArgumentException if the name is not a CloudWatch-style name, is one this class
   *     records, or was given to {@link #count}
   */
  public void record(String lambdaName, Target target, double value) {
    function(target).summary(generic(lambdaName, false)).record(value);
  }

  /**
   * Publishes the node's gauges, read when scraped: {@code gust_Environments} (execution
   * environments, busy or idle) and {@code gust_StemCells} (runtimes started and waiting to become
   * an environment).
   */
  public void node(IntSupplier environments, IntSupplier stemCells) {
    Gauge.builder(Names.ENVIRONMENTS, environments::getAsInt)
        .description(Names.help(Names.ENVIRONMENTS))
        .register(registry);
    Gauge.builder(Names.STEM_CELLS, stemCells::getAsInt)
        .description(Names.help(Names.STEM_CELLS))
        .register(registry);
  }

  /** Every series, in Prometheus text format 0.0.4. */
  public String scrape() {
    return Exposition.withoutEmptyLabels(registry.scrape());
  }

  private FunctionMeters function(Target target) {
    return functions.computeIfAbsent(
        new Key(target.functionName(), target.resource()),
        key -> new FunctionMeters(registry, key.functionName(), key.resource()));
  }

  private String generic(String lambdaName, boolean counter) {
    String name = Names.LAMBDA + lambdaName;
    Boolean known = genericIsCounter.get(lambdaName);
    if (known == null) {
      if (!GENERIC_NAME.matcher(lambdaName).matches() || Names.BUILT_IN.contains(name)) {
        throw new IllegalArgumentException("not a generic Lambda metric name: " + lambdaName);
      }
      known =
          Objects.requireNonNullElse(genericIsCounter.putIfAbsent(lambdaName, counter), counter);
    }
    if (known != counter) {
      throw new IllegalArgumentException(
          lambdaName + " is " + (known ? "a counter" : "a summary") + " already");
    }
    return name;
  }

  private Counter accountCounter(String name, Tags tags) {
    return Counter.builder(name).description(Names.help(name)).tags(tags).register(registry);
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }

  private final class Flight implements Inflight {

    private final FunctionMeters function;
    private final boolean unreservedCounted;
    private final boolean provisioned;
    private final AtomicBoolean ended = new AtomicBoolean();

    Flight(FunctionMeters function, boolean unreservedCounted, boolean provisioned) {
      this.function = function;
      this.unreservedCounted = unreservedCounted;
      this.provisioned = provisioned;
    }

    @Override
    public void end(String executedVersion, boolean error, Duration duration) {
      if (executedVersion.isEmpty() || duration.isNegative()) {
        throw new IllegalArgumentException("no executed version, or a negative duration");
      }
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      function.concurrent.decrementAndGet();
      concurrent.decrementAndGet();
      if (unreservedCounted) {
        unreserved.decrementAndGet();
      }
      if (provisioned) {
        function.provisioned.decrementAndGet();
        function.counter(Names.PROVISIONED_INVOCATIONS).increment();
      }
      FunctionMeters.Executed executed = function.executed(executedVersion);
      executed.invocations().increment();
      executed.duration().record(millis(duration));
      invocations.increment();
      if (error) {
        executed.errors().increment();
        errors.increment();
      }
    }
  }
}
