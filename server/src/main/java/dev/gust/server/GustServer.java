package dev.gust.server;

import dev.gust.core.Scheduler;
import dev.gust.events.Deliveries;
import dev.gust.events.Queues;
import dev.gust.invoke.Concurrency;
import dev.gust.invoke.InvokeApi;
import dev.gust.invoke.InvokePath;
import dev.gust.invoke.Provisioner;
import dev.gust.metrics.Metrics;
import dev.gust.metrics.MetricsApi;
import dev.gust.protocol.Route;
import dev.gust.protocol.Router;
import dev.gust.registry.LambdaApi;
import dev.gust.registry.Registry;
import dev.gust.runtimes.ManagedRuntimes;
import dev.gust.runtimes.RuntimeApiServer;
import dev.gust.sandbox.SandboxBackend;
import dev.gust.sandbox.SandboxBackends;
import dev.gust.store.BlobStore;
import dev.gust.store.Database;
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
  private final Queues queues;

  /** The parts that run functions, closed together after the HTTP front stops. */
  private record Execution(
      SandboxBackend sandboxes,
      RuntimeApiServer runtimeApi,
      WorkerManager workers,
      Provisioner provisioner)
      implements AutoCloseable {

    @Override
    public void close() {
      try {
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
      Queues queues) {
    this.config = config;
    this.database = database;
    this.background = background;
    this.front = front;
    this.registry = registry;
    this.execution = execution;
    this.queues = queues;
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
    Queues queues = null;
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
      execution = new Execution(sandboxes, runtimeApi, workers, provisioner);
      provisioner.start();
      queues = Queues.open(database, scheduler, "http://" + config.host() + ":" + front.port());
      Deliveries deliveries = new Deliveries();
      queues.register(deliveries);
      List<Route> routes = new ArrayList<>();
      routes.addAll(new PlatformApi(clock, VERSION).routes());
      routes.addAll(new MetricsApi(metrics).routes());
      routes.addAll(new LambdaApi(registry).routes());
      routes.addAll(new InvokeApi(registry, invokePath, clock).routes());
      routes.addAll(queues.routes());
      front.start(new Router(routes));
      return new GustServer(config, database, background, front, registry, execution, queues);
    } catch (Exception e) {
      if (queues != null) {
        queues.close();
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

  /** The SQS-compatible queues of this node, whose URLs start with {@link #url()}. */
  public Queues queues() {
    return queues;
  }

  @Override
  public void close() {
    try {
      front.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the HTTP front", e);
    } finally {
      queues.close();
      execution.close();
      background.close();
      database.close();
    }
  }
}
