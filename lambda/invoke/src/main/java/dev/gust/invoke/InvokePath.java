package dev.gust.invoke;

import dev.gust.core.RequestIds;
import dev.gust.core.Scheduler;
import dev.gust.core.Scope;
import dev.gust.metrics.Metrics;
import dev.gust.registry.Alias;
import dev.gust.registry.Arns;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.FunctionVersion;
import dev.gust.registry.Lifecycle;
import dev.gust.registry.Registry;
import dev.gust.registry.Resolved;
import dev.gust.runtimes.Invocation;
import dev.gust.worker.CapacityException;
import dev.gust.worker.Dispatched;
import dev.gust.worker.FunctionSpec;
import dev.gust.worker.InvokeOutcome;
import dev.gust.worker.Invoked;
import dev.gust.worker.WorkerManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * The synchronous invoke path behind every way of invoking a function: resolve the function,
 * version or alias (weighted routing included), take a concurrency lease from the counting service,
 * and have the worker manager run the invocation in an environment. Asynchronous invocation, event
 * sources and workflows enter here too. What cannot run is answered as a value ({@link
 * InvokeResult.Refusal}), never as an HTTP error.
 */
public final class InvokePath {

  private final Registry registry;
  private final Concurrency concurrency;
  private final WorkerManager workers;
  private final Metrics metrics;
  private final Scheduler scheduler;
  private final RandomGenerator random;

  public InvokePath(
      Registry registry,
      Concurrency concurrency,
      WorkerManager workers,
      Metrics metrics,
      Scheduler scheduler,
      RandomGenerator random) {
    this.registry = registry;
    this.concurrency = concurrency;
    this.workers = workers;
    this.metrics = metrics;
    this.scheduler = scheduler;
    this.random = random;
  }

  /**
   * One invocation to run.
   *
   * @param lineage how many asynchronous hops through functions led to it, carried to the function
   *     in its trace header ({@code Lineage=<hash>:<n>}) so that the calls it makes carry it on
   */
  public record Request(
      Scope scope,
      FunctionRef ref,
      byte[] payload,
      Optional<String> clientContext,
      String requestId,
      int lineage) {

    /** A request that starts a chain of events. */
    public Request(
        Scope scope,
        FunctionRef ref,
        byte[] payload,
        Optional<String> clientContext,
        String requestId) {
      this(scope, ref, payload, clientContext, requestId, 0);
    }
  }

  /** What a reference invokes: the version chosen, with the limits that apply to it. */
  public record Target(
      Scope home,
      FunctionVersion version,
      Optional<String> qualifier,
      OptionalInt reservedConcurrency,
      int unreservedPool)
      implements Resolution {

    /** The function's unqualified ARN, the key of its concurrency. */
    public String functionArn() {
      return Arns.function(home, version.functionName(), Optional.empty());
    }

    /** The ARN the caller invoked, with its qualifier. */
    public String invokedArn() {
      return Arns.function(home, version.functionName(), qualifier);
    }
  }

  /**
   * Resolves what {@code ref} invokes now: an alias picks its primary or an additional version by
   * weight. A function that does not exist or is still being created is answered, not thrown.
   */
  public Resolution resolve(Scope scope, FunctionRef ref) {
    return switch (registry.lookup(scope, ref)) {
      case Registry.Lookup.Missing missing -> new InvokeResult.NotFound(missing.arn());
      case Registry.Lookup.Found found -> {
        FunctionVersion version = pick(scope, found.resolved());
        if (version.lifecycle() == Lifecycle.CREATING) {
          yield new InvokeResult.Pending();
        }
        yield new Target(
            registry.scopeOf(scope, ref),
            version,
            ref.qualifier().filter(q -> !q.equals("$LATEST")),
            found.reservedConcurrency(),
            found.unreservedPool());
      }
    };
  }

  /** Runs one invocation to its end, or says why it could not run. */
  public InvokeResult invoke(Request request) {
    return switch (resolve(request.scope(), request.ref())) {
      case Target target -> admit(target, request);
      case InvokeResult.NotFound notFound -> notFound;
      case InvokeResult.Pending pending -> pending;
    };
  }

  /** Takes a concurrency lease for the invocation and runs it, or answers the throttle. */
  private InvokeResult admit(Target target, Request request) {
    FunctionVersion version = target.version();
    Metrics.Target measured =
        Metrics.Target.of(
            version.functionName(), target.qualifier(), target.reservedConcurrency().isPresent());
    return switch (concurrency.acquire(
        target.functionArn(), target.reservedConcurrency(), target.unreservedPool())) {
      case Concurrency.Grant.Refused refused -> {
        metrics.throttled(measured);
        yield new InvokeResult.Throttled(refused.reason());
      }
      case Concurrency.Grant.Leased leased -> run(target, request, measured, leased.lease());
    };
  }

  /** Runs the admitted invocation in an environment; the lease is released when it ends. */
  private InvokeResult run(
      Target target, Request request, Metrics.Target measured, Concurrency.Lease lease) {
    FunctionVersion version = target.version();
    long now = scheduler.clock().millis();
    Invocation invocation =
        new Invocation(
            request.requestId(),
            request.payload(),
            now + version.config().timeoutSeconds() * 1000L,
            target.invokedArn(),
            Optional.of(
                "Root=1-"
                    + Long.toHexString(now / 1000)
                    + "-"
                    + RequestIds.next().replace("-", "").substring(0, 24)
                    + Lineage.header(target::functionArn, request.lineage())),
            request.clientContext(),
            Optional.empty());
    AtomicReference<Metrics.Inflight> inflight = new AtomicReference<>();
    Dispatched dispatched = null;
    try (lease) {
      dispatched =
          workers.invoke(
              spec(target),
              target.qualifier().map(q -> target.invokedArn()),
              invocation,
              (provisioned, spillover) -> {
                inflight.set(metrics.begin(measured, provisioned));
                if (spillover) {
                  metrics.spillover(measured);
                }
              });
      return new InvokeResult.Ran(target, dispatched);
    } catch (CapacityException e) {
      metrics.throttled(measured);
      return new InvokeResult.NoCapacity(e.reason(), e.getMessage());
    } finally {
      record(measured, version.version(), inflight.get(), dispatched);
    }
  }

  /** Records how the invocation went, once it has ended (or failed to start). */
  private void record(
      Metrics.Target measured,
      String executedVersion,
      Metrics.Inflight inflight,
      Dispatched dispatched) {
    if (inflight == null) {
      return;
    }
    if (dispatched == null) {
      inflight.end(executedVersion, true, Duration.ZERO);
      return;
    }
    Invoked invoked = dispatched.invoked();
    if (dispatched.coldStart()) {
      metrics.coldStart(measured, invoked.initDuration().orElse(Duration.ZERO));
    }
    inflight.end(
        executedVersion, !(invoked.outcome() instanceof InvokeOutcome.Ok), invoked.duration());
  }

  /** The version to run: an alias's primary, or its additional version by weight. */
  private FunctionVersion pick(Scope scope, Resolved resolved) {
    Optional<Alias> alias = resolved.alias();
    if (alias.isEmpty() || alias.get().additionalVersionWeights().isEmpty()) {
      return resolved.version();
    }
    double roll = random.nextDouble();
    for (Map.Entry<String, Double> entry : alias.get().additionalVersionWeights().entrySet()) {
      if (roll < entry.getValue()) {
        return registry
            .resolve(
                scope,
                FunctionRef.unqualified(resolved.version().functionName())
                    .withQualifier(entry.getKey()))
            .version();
      }
      roll -= entry.getValue();
    }
    return resolved.version();
  }

  /** What an environment of the target's version needs. */
  public FunctionSpec spec(Target target) {
    FunctionVersion version = target.version();
    var config = version.config();
    return new FunctionSpec(
        version.functionName(),
        target.functionArn(),
        version.version(),
        target.home().region(),
        config.runtime(),
        config.handler(),
        config.memorySizeMb(),
        config.timeoutSeconds(),
        config.ephemeralStorageMb(),
        config.environment(),
        config.logging().logGroup(),
        version.code().blobKey(),
        registry.codePath(version.code().blobKey()));
  }
}
