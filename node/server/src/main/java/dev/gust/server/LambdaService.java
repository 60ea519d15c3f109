package dev.gust.server;

import dev.gust.async.EventQueue;
import dev.gust.async.RegistryPolicies;
import dev.gust.core.Scheduler;
import dev.gust.http.NodeContext;
import dev.gust.invoke.Concurrency;
import dev.gust.invoke.InvokePath;
import dev.gust.invoke.Provisioner;
import dev.gust.lambdaapi.InvokeApi;
import dev.gust.lambdaapi.LambdaApi;
import dev.gust.registry.Registry;
import dev.gust.runtimes.ManagedRuntimes;
import dev.gust.runtimes.RuntimeApiServer;
import dev.gust.sandbox.SandboxBackend;
import dev.gust.sandbox.SandboxBackends;
import dev.gust.store.BlobStore;
import dev.gust.wire.Route;
import dev.gust.wire.Service;
import dev.gust.worker.LocalWorker;
import dev.gust.worker.WorkerManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Lambda as a node runs it: the registry (control plane), the execution stack (sandboxes, the
 * Runtime API server, the worker and its manager), the invoke path with provisioned concurrency,
 * the asynchronous event queue, and the Lambda API's routes. Closing stops asynchronous events
 * first, so that none ends with its destination already closed, then the environments.
 */
final class LambdaService implements Service {

  private final Registry registry;
  private final SandboxBackend sandboxes;
  private final RuntimeApiServer runtimeApi;
  private final WorkerManager workers;
  private final InvokePath invokePath;
  private final Provisioner provisioner;
  private final EventQueue events;
  private final Scheduler scheduler;

  private LambdaService(
      Registry registry,
      SandboxBackend sandboxes,
      RuntimeApiServer runtimeApi,
      WorkerManager workers,
      InvokePath invokePath,
      Provisioner provisioner,
      EventQueue events,
      Scheduler scheduler) {
    this.registry = registry;
    this.sandboxes = sandboxes;
    this.runtimeApi = runtimeApi;
    this.workers = workers;
    this.invokePath = invokePath;
    this.provisioner = provisioner;
    this.events = events;
    this.scheduler = scheduler;
  }

  /** Opens Lambda on {@code node} with the limits and execution settings of {@code config}. */
  static LambdaService open(ServerConfig config, NodeContext node) {
    Path dataDir = node.dataDir();
    Scheduler scheduler = node.scheduler();
    Registry registry =
        Registry.open(
            node.database(),
            new BlobStore(dataDir.resolve("code")),
            scheduler.clock(),
            node.background(),
            config.limits(),
            node.ownership());
    SandboxBackend sandboxes =
        SandboxBackends.open(config.sandbox(), dataDir.resolve("work/probe"));
    RuntimeApiServer runtimeApi = RuntimeApiServer.start();
    try {
      LocalWorker worker =
          new LocalWorker(
              new LocalWorker.Settings(
                  "local",
                  config.memoryMb(),
                  dataDir.resolve("work"),
                  dataDir.resolve("logs"),
                  node.baseUrl()),
              sandboxes,
              runtimeApi,
              ManagedRuntimes.install(dataDir.resolve("runtimes")),
              scheduler);
      WorkerManager workers = new WorkerManager(List.of(worker), scheduler, config.environments());
      node.metrics().node(workers::environmentCount, worker::spareCells);
      InvokePath invokePath =
          new InvokePath(
              registry, new Concurrency(), workers, node.metrics(), scheduler, new Random());
      Provisioner provisioner = new Provisioner(registry, invokePath, workers, node.metrics());
      EventQueue events =
          new EventQueue(
              node.database(),
              registry,
              invokePath,
              new RegistryPolicies(registry),
              node.delivery(),
              node.metrics(),
              scheduler,
              node.ownership());
      return new LambdaService(
          registry, sandboxes, runtimeApi, workers, invokePath, provisioner, events, scheduler);
    } catch (RuntimeException e) {
      runtimeApi.close();
      sandboxes.close();
      throw e;
    }
  }

  Registry registry() {
    return registry;
  }

  @Override
  public String name() {
    return "lambda";
  }

  @Override
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    routes.addAll(new LambdaApi(registry).routes());
    routes.addAll(new InvokeApi(registry, invokePath, scheduler.clock(), events).routes());
    return routes;
  }

  @Override
  public void start() {
    provisioner.start();
    events.start();
  }

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
