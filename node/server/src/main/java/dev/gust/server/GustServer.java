package dev.gust.server;

import dev.gust.async.EventQueue;
import dev.gust.async.RegistryPolicies;
import dev.gust.core.Scheduler;
import dev.gust.events.Buses;
import dev.gust.events.Deliveries;
import dev.gust.events.EventBridgeApi;
import dev.gust.events.Queues;
import dev.gust.events.SnsApi;
import dev.gust.events.Topics;
import dev.gust.invoke.Concurrency;
import dev.gust.invoke.InvokePath;
import dev.gust.invoke.Provisioner;
import dev.gust.lambdaapi.InvokeApi;
import dev.gust.lambdaapi.LambdaApi;
import dev.gust.metrics.Metrics;
import dev.gust.metrics.MetricsApi;
import dev.gust.registry.Registry;
import dev.gust.runtimes.ManagedRuntimes;
import dev.gust.runtimes.RuntimeApiServer;
import dev.gust.sandbox.SandboxBackend;
import dev.gust.sandbox.SandboxBackends;
import dev.gust.store.BlobStore;
import dev.gust.store.Database;
import dev.gust.wire.Route;
import dev.gust.wire.Router;
import dev.gust.worker.LocalWorker;
import dev.gust.worker.WorkerManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One running Gust node: the store under the data directory, the registry, and the HTTP front
 * serving every API on one port. {@link #close} stops accepting requests, waits for background work
 * and closes the store; everything acknowledged before is on disk.
 */
public final class GustServer implements AutoCloseable {

  /** The version reported by the health endpoint. */
  public static final String VERSION = "0.1.0";

  private final ServerConfig config;
  private final Database database;
  private final ExecutorService background;
  private final HttpFront front;
  private final Registry registry;
  private final Execution execution;
  private final Brokers brokers;

  /** The event brokers: queues, buses and topics, closed before the store. */
  private record Brokers(Deliveries deliveries, Queues queues, Buses buses, Topics topics)
      implements AutoCloseable {

    @Override
    public void close() {
      try {
        buses.close();
        topics.close();
      } finally {
        queues.close();
      }
    }
  }

  /** The parts that run functions, closed together after the HTTP front stops. */
  private record Execution(
      SandboxBackend sandboxes,
      RuntimeApiServer runtimeApi,
      WorkerManager workers,
      Provisioner provisioner,
      EventQueue events)
      implements AutoCloseable {

    @Override
    public void close() {
      try {
        events.close();
        provisioner.close();
        workers.close();
        runtimeApi.close();
      } finally {
        sandboxes.close();
      }
    }
  }

  private GustServer(
      ServerConfig config,
      Database database,
      ExecutorService background,
      HttpFront front,
      Registry registry,
      Execution execution,
      Brokers brokers) {
    this.config = config;
    this.brokers = brokers;
    this.database = database;
    this.background = background;
    this.front = front;
    this.registry = registry;
    this.execution = execution;
  }

  /** Opens the store, wires the components and starts listening. */
  public static GustServer start(ServerConfig config) {
    return start(config, Scheduler.system());
  }

  /** Starts a node whose components take their time from {@code scheduler}. */
  public static GustServer start(ServerConfig config, Scheduler scheduler) {
    InstantSource clock = scheduler.clock();
    Path dataDir = config.dataDir().toAbsolutePath();
    prepare(dataDir);
    Database database = Database.sqlite(dataDir.resolve("gust.db"));
    ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    Execution execution = null;
    Brokers brokers = null;
    try {
      BlobStore code = new BlobStore(dataDir.resolve("code"));
      Registry registry = Registry.open(database, code, clock, background, config.limits());
      HttpFront front = new HttpFront(config.host(), config.port());
      SandboxBackend sandboxes =
          SandboxBackends.open(config.sandbox(), dataDir.resolve("work/probe"));
      RuntimeApiServer runtimeApi = RuntimeApiServer.start();
      LocalWorker worker =
          new LocalWorker(
              new LocalWorker.Settings(
                  "local",
                  config.memoryMb(),
                  dataDir.resolve("work"),
                  dataDir.resolve("logs"),
                  "http://" + config.host() + ":" + front.port()),
              sandboxes,
              runtimeApi,
              ManagedRuntimes.install(dataDir.resolve("runtimes")),
              scheduler);
      WorkerManager workers = new WorkerManager(List.of(worker), scheduler, config.environments());
      Metrics metrics = Metrics.create(clock);
      metrics.node(workers::environmentCount, worker::spareCells);
      InvokePath invokePath =
          new InvokePath(registry, new Concurrency(), workers, metrics, scheduler, new Random());
      Provisioner provisioner = new Provisioner(registry, invokePath, workers, metrics);
      Deliveries deliveries = new Deliveries();
      EventQueue events =
          new EventQueue(
              database,
              registry,
              invokePath,
              new RegistryPolicies(registry),
              deliveries,
              metrics,
              scheduler);
      execution = new Execution(sandboxes, runtimeApi, workers, provisioner, events);
      provisioner.start();
      Queues queues =
          Queues.open(database, scheduler, "http://" + config.host() + ":" + front.port());
      queues.register(deliveries);
      Buses buses = Buses.open(database, deliveries, scheduler, background);
      brokers =
          new Brokers(
              deliveries, queues, buses, Topics.open(database, deliveries, scheduler, background));
      events.start();
      List<Route> routes = new ArrayList<>();
      routes.addAll(new PlatformApi(clock, VERSION).routes());
      routes.addAll(new MetricsApi(metrics).routes());
      routes.addAll(new LambdaApi(registry).routes());
      routes.addAll(new InvokeApi(registry, invokePath, clock, events).routes());
      routes.addAll(queues.routes());
      routes.addAll(new EventBridgeApi(brokers.buses()).routes());
      routes.addAll(new SnsApi(brokers.topics()).routes());
      front.start(new Router(routes));
      return new GustServer(config, database, background, front, registry, execution, brokers);
    } catch (Exception e) {
      if (brokers != null) {
        brokers.close();
      }
      if (execution != null) {
        execution.close();
      }
      background.close();
      database.close();
      throw new IllegalStateException("Gust could not start: " + e.getMessage(), e);
    }
  }

  /**
   * Creates the data directory so that sandboxes may pass through it to their own task roots but
   * neither list it nor read the store: runtimes run as another user where the node runs as root.
   */
  private static void prepare(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
  }

  public int port() {
    return front.port();
  }

  /** The URL clients use, such as {@code http://127.0.0.1:4566}. */
  public String url() {
    return "http://" + config.host() + ":" + port();
  }

  public Registry registry() {
    return registry;
  }

  /**
   * Where components register the handler of their ARN service ({@code sqs}, {@code lambda}) and
   * deliver messages to queues, topics, buses and functions.
   */
  public Deliveries deliveries() {
    return brokers.deliveries();
  }

  /** The SQS-compatible queues of this node, whose URLs start with {@link #url()}. */
  public Queues queues() {
    return brokers.queues();
  }

  @Override
  public void close() {
    try {
      front.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the HTTP front", e);
    } finally {
      // Asynchronous events stop first, so that none ends with its destination already closed.
      execution.close();
      brokers.close();
      background.close();
      database.close();
    }
  }
}
