package dev.gust.invoke;

import dev.gust.metrics.Metrics;
import dev.gust.registry.Arns;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.ProvisionedConcurrency;
import dev.gust.registry.ProvisionedConcurrency.Status;
import dev.gust.registry.Registry;
import dev.gust.worker.WorkerManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the worker manager's provisioned environments in line with the stored provisioned
 * concurrency configurations: at startup for every stored one, then on every put and delete. The
 * allocation's progress goes back to the registry ({@code IN_PROGRESS} → {@code READY} or {@code
 * FAILED}) and to the metrics.
 *
 * <p>Implementation notes. Changes are applied one at a time, in the order the registry committed
 * them, on one thread of their own, so the registry's listener returns at once. Each allocation has
 * a number; a listener of an allocation that a later put or delete replaced reports nothing.
 */
public final class Provisioner implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Provisioner.class.getName());

  private final Registry registry;
  private final InvokePath path;
  private final WorkerManager workers;
  private final Metrics metrics;
  private final ExecutorService changes =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("gust-provisioner").factory());
  private final AtomicLong allocations = new AtomicLong();
  private final Map<String, Long> current = new HashMap<>();

  public Provisioner(Registry registry, InvokePath path, WorkerManager workers, Metrics metrics) {
    this.registry = registry;
    this.path = path;
    this.workers = workers;
    this.metrics = metrics;
  }

  /** Provisions every stored configuration and follows the registry's changes from now on. */
  public void start() {
    registry.provisioned().subscribe(change -> changes.execute(() -> apply(change)));
    for (ProvisionedConcurrency config : registry.provisioned().all()) {
      changes.execute(() -> apply(new ProvisionedConcurrency.Change.Put(config)));
    }
  }

  private void apply(ProvisionedConcurrency.Change change) {
    try {
      switch (change) {
        case ProvisionedConcurrency.Change.Put put -> provision(put.config());
        case ProvisionedConcurrency.Change.Deleted deleted -> {
          String key =
              Arns.function(
                  deleted.scope(), deleted.functionName(), Optional.of(deleted.qualifier()));
          synchronized (current) {
            current.remove(key);
          }
          workers.deprovision(key);
          metrics.provisionedAllocated(target(deleted.functionName(), deleted.qualifier()), 0);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot apply the provisioned concurrency change " + change, e);
    }
  }

  private void provision(ProvisionedConcurrency config) {
    String key = config.functionArn();
    long number = allocations.incrementAndGet();
    synchronized (current) {
      current.put(key, number);
    }
    var version =
        registry
            .resolve(
                config.scope(),
                FunctionRef.unqualified(config.functionName()).withQualifier(config.version()))
            .version();
    InvokePath.Target target =
        new InvokePath.Target(
            config.scope(), version, Optional.of(config.qualifier()), OptionalInt.empty(), 0);
    Metrics.Target measured = target(config.functionName(), config.qualifier());
    workers.provision(
        key,
        path.spec(target),
        config.requested(),
        new WorkerManager.ProvisioningListener() {
          @Override
          public void progress(int ready, int requested) {
            if (isCurrent(key, number)) {
              metrics.provisionedAllocated(measured, ready);
              report(
                  config,
                  ready,
                  ready == requested ? Status.READY : Status.IN_PROGRESS,
                  Optional.empty());
            }
          }

          @Override
          public void failed(String reason) {
            if (isCurrent(key, number)) {
              report(config, 0, Status.FAILED, Optional.of(reason));
            }
          }
        });
  }

  private boolean isCurrent(String key, long number) {
    synchronized (current) {
      return current.getOrDefault(key, -1L) == number;
    }
  }

  private void report(
      ProvisionedConcurrency config, int ready, Status status, Optional<String> reason) {
    registry
        .provisioned()
        .report(
            config.scope(),
            config.functionName(),
            config.qualifier(),
            ready,
            ready,
            status,
            reason);
  }

  private static Metrics.Target target(String functionName, String qualifier) {
    return Metrics.Target.of(functionName, Optional.of(qualifier), false);
  }

  @Override
  public void close() {
    changes.shutdownNow();
  }
}
