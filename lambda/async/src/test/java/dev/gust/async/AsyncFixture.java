package dev.gust.async;

import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import dev.gust.delivery.Delivery;
import dev.gust.delivery.Target;
import dev.gust.invoke.Concurrency;
import dev.gust.invoke.InvokePath;
import dev.gust.metrics.Metrics;
import dev.gust.registry.ConfigChanges;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.Limits;
import dev.gust.registry.Registry;
import dev.gust.store.BlobStore;
import dev.gust.store.Database;
import dev.gust.testkit.FakeClock;
import dev.gust.testkit.Zips;
import dev.gust.worker.WorkerManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An event queue on a real SQLite file, a real registry and invoke path, a {@link ScriptedWorker}
 * in place of sandboxes, a fake clock, and deliveries to queues and topics recorded; reopening it
 * on the same directory is a restart.
 */
final class AsyncFixture implements AutoCloseable {

  static final Scope SCOPE = Scope.defaultScope();
  static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:dlq";
  static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:outcomes";

  /** A message delivered to a queue or topic. */
  record Delivered(String arn, Delivery.Message message) {}

  final FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
  final ScriptedWorker worker = new ScriptedWorker();
  final List<Delivered> delivered = new CopyOnWriteArrayList<>();
  final Map<String, EventPolicy> policies = new ConcurrentHashMap<>();

  /** What the node owns from its next (re)start on. */
  volatile Ownership ownership = Ownership.everything();

  private final Path dir;
  private Database database;
  private WorkerManager workers;
  Registry registry;
  Metrics metrics;
  private InvokePath path;
  EventQueue queue;

  AsyncFixture(Path dir) {
    this.dir = dir;
    open();
  }

  private void open() {
    database = Database.sqlite(dir.resolve("gust.db"));
    registry =
        Registry.open(
            database,
            new BlobStore(dir.resolve("code")),
            clock,
            Runnable::run,
            Limits.defaults(),
            ownership);
    workers = new WorkerManager(List.of(worker), clock, WorkerManager.Settings.defaults());
    metrics = Metrics.create(clock);
    path = new InvokePath(registry, new Concurrency(), workers, metrics, clock, new Random(7));
    Delivery delivery = new Delivery();
    delivery.register(
        Target.Queue.class,
        (queue, message) -> delivered.add(new Delivered(queue.arn().toString(), message)));
    delivery.register(
        Target.Topic.class,
        (topic, message) -> delivered.add(new Delivered(topic.arn().toString(), message)));
    queue =
        new EventQueue(
            database,
            registry,
            path,
            (scope, name, qualifier) ->
                policies.getOrDefault(name + ":" + qualifier, EventPolicy.defaults()),
            delivery,
            metrics,
            clock,
            ownership);
    queue.start();
  }

  /** Stops the node's parts and starts them again on the same files. */
  void restart() {
    close();
    open();
  }

  /** Creates an Active Python function, with a dead-letter queue if one is given. */
  void function(String name, Optional<String> deadLetterQueue) {
    ConfigChanges config =
        ConfigChanges.forCreate(
            "python3.13", "arn:aws:iam::000000000000:role/r", "handler.handler", deadLetterQueue);
    registry.create(
        SCOPE,
        new Registry.NewFunction(name, config, Optional.of(Zips.python("0")), Map.of(), false));
  }

  /** Invokes the function asynchronously, as the Invoke API does; returns the request id. */
  String invoke(String name, String payload) {
    String requestId = "request-" + System.nanoTime();
    queue.accept(
        (InvokePath.Target) path.resolve(SCOPE, FunctionRef.unqualified(name)),
        payload.getBytes(StandardCharsets.UTF_8),
        requestId,
        0);
    return requestId;
  }

  String scrape() {
    return metrics.scrape();
  }

  @Override
  public void close() {
    queue.close();
    workers.close();
    database.close();
  }
}
