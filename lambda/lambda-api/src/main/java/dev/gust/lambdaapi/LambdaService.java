package dev.gust.lambdaapi;

import dev.gust.async.EventQueue;
import dev.gust.async.RegistryPolicies;
import dev.gust.core.Scheduler;
import dev.gust.http.NodeContext;
import dev.gust.invoke.Concurrency;
import dev.gust.invoke.InvokePath;
import dev.gust.invoke.Provisioner;
import dev.gust.registry.Limits;
import dev.gust.registry.Registry;
import dev.gust.runtimes.ManagedRuntimes;
import dev.gust.runtimes.RuntimeApiServer;
import dev.gust.sandbox.SandboxBackend;
import dev.gust.sandbox.SandboxBackends;
import dev.gust.store.BlobStore;
import dev.gust.wire.Route;
import dev.gust.wire.Service;
import dev.gust.wire.ServiceModel;
import dev.gust.worker.LocalWorker;
import dev.gust.worker.WorkerManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Lambda as a node runs it: the registry (control plane), the execution stack (sandboxes, the
 * Runtime API server, the worker and its manager), the invoke path with provisioned concurrency,
 * the asynchronous event queue, and the Lambda API's routes. Closing stops asynchronous events
 * first, so that none ends with its destination already closed, then the environments.
 *
 * <p>A node serves Lambda by listing {@code node -> LambdaService.open(settings, node)} among its
 * services; Lambda alone is enough for a node that runs functions.
 */
public final class LambdaService implements Service {

  /**
   * What Lambda needs from the node's configuration: the account limits it enforces, its sandbox
   * backend ({@code auto}, {@code namespace} or {@code process}), how its environments scale and
   * are kept, and the memory its environments may take in total.
   */
  public record Settings(
      Limits limits, String sandbox, WorkerManager.Settings environments, long memoryMb) {

    public static final String DEFAULT_SANDBOX = "auto";

    /** Lambda's limits, scaling and keep-alive, environments that may use the host's memory. */
    public static Settings defaults() {
      return new Settings(
          Limits.defaults(), DEFAULT_SANDBOX, WorkerManager.Settings.defaults(), hostMemoryMb());
    }

    public Settings withLimits(Limits newLimits) {
      return new Settings(newLimits, sandbox, environments, memoryMb);
    }

    public Settings withSandbox(String newSandbox) {
      return new Settings(limits, newSandbox, environments, memoryMb);
    }

    public Settings withEnvironments(WorkerManager.Settings newEnvironments) {
      return new Settings(limits, sandbox, newEnvironments, memoryMb);
    }

    public Settings withMemoryMb(long newMemoryMb) {
      return new Settings(limits, sandbox, environments, newMemoryMb);
    }

    /** The host's physical memory ({@code MemTotal}), in MB; 4 GB where it cannot be read. */
    public static long hostMemoryMb() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
          if (line.startsWith("MemTotal:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
          }
        }
      } catch (IOException | NumberFormatException e) {
        // Fall through to the default.
      }
      return 4096;
    }
  }

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

  /** Opens Lambda on {@code node} with the limits and execution settings of {@code settings}. */
  public static LambdaService open(Settings settings, NodeContext node) {
    Path dataDir = node.dataDir();
    Scheduler scheduler = node.scheduler();
    Registry registry =
        Registry.open(
            node.database(),
            new BlobStore(dataDir.resolve("code")),
            scheduler.clock(),
            node.background(),
            settings.limits(),
            node.ownership());
    SandboxBackend sandboxes =
        SandboxBackends.open(settings.sandbox(), dataDir.resolve("work/probe"));
    RuntimeApiServer runtimeApi = RuntimeApiServer.start();
    try {
      LocalWorker worker =
          new LocalWorker(
              new LocalWorker.Settings(
                  "local",
                  settings.memoryMb(),
                  dataDir.resolve("work"),
                  dataDir.resolve("logs"),
                  node.baseUrl()),
              sandboxes,
              runtimeApi,
              ManagedRuntimes.install(dataDir.resolve("runtimes")),
              scheduler);
      WorkerManager workers =
          new WorkerManager(List.of(worker), scheduler, settings.environments());
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

  /** The functions, versions and aliases this node serves. */
  public Registry registry() {
    return registry;
  }

  @Override
  public String name() {
    return "lambda";
  }

  @Override
  public List<ServiceModel<?>> models() {
    return List.of(LambdaModel.MODEL, LambdaInvokeModel.MODEL);
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
