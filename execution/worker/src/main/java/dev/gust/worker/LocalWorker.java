package dev.gust.worker;

import dev.gust.core.Scheduler;
import dev.gust.runtimes.Invocation;
import dev.gust.runtimes.ManagedRuntimes;
import dev.gust.runtimes.RuntimeApiServer;
import dev.gust.runtimes.RuntimeChannel;
import dev.gust.sandbox.Sandbox;
import dev.gust.sandbox.SandboxBackend;
import dev.gust.sandbox.SandboxException;
import dev.gust.sandbox.SandboxPaths;
import dev.gust.sandbox.SandboxSpec;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The execution environments of this host: each a runtime process in a sandbox of the configured
 * backend, with its own Runtime API channel and log stream. Which environment serves which
 * invocation is the {@link WorkerManager}'s business; this class starts, runs and stops them.
 *
 * <p>Implementation notes. Environments are kept by number in a concurrent map, and no lock is held
 * while one starts or runs. {@link #close} stops every environment, idle or busy, and any
 * background preparation, so no runtime process outlives the node.
 */
public final class LocalWorker implements Worker {

  private static final Logger LOG = Logger.getLogger(LocalWorker.class.getName());
  private static final String PATH = "/usr/local/bin:/usr/bin:/bin";
  private static final String LANG = "en_US.UTF-8";
  private static final String TZ = ":UTC";

  /** Stem cells serve functions with the default ephemeral storage only. */
  private static final int STEM_CELL_STORAGE_MB = 512;

  private static final Duration PREPARATION_TIMEOUT = Duration.ofMinutes(2);
  private static final int PREPARATION_MEMORY_MB = 1024;

  private final String id;
  private final long capacityMb;
  private final SandboxBackend sandboxes;
  private final RuntimeApiServer runtimeApi;
  private final ManagedRuntimes runtimes;
  private final TaskRoots taskRoots;
  private final Path tmpRoot;
  private final Path logRoot;
  private final String endpointUrl;
  private final Scheduler scheduler;
  private final AtomicLong numbers = new AtomicLong();
  private final Map<Long, Environment> environments = new ConcurrentHashMap<>();
  private final Set<String> prepared = ConcurrentHashMap.newKeySet();
  private final Set<Sandbox> preparing = ConcurrentHashMap.newKeySet();
  private final StemCells cells;
  private final StartGate starts;

  /** Where the worker keeps things, and what it serves runtimes. */
  public record Settings(
      String id, long capacityMb, Path workDir, Path logRoot, String endpointUrl) {}

  public LocalWorker(
      Settings settings,
      SandboxBackend sandboxes,
      RuntimeApiServer runtimeApi,
      ManagedRuntimes runtimes,
      Scheduler scheduler) {
    this.id = settings.id();
    this.capacityMb = settings.capacityMb();
    this.scheduler = scheduler;
    this.starts = new StartGate(StartGate.defaultPermits(), scheduler);
    this.sandboxes = sandboxes;
    this.runtimeApi = runtimeApi;
    this.runtimes = runtimes;
    this.taskRoots = new TaskRoots(settings.workDir().resolve("tasks"));
    this.tmpRoot = settings.workDir().resolve("tmp");
    this.logRoot = settings.logRoot();
    this.endpointUrl = settings.endpointUrl();
    this.cells =
        new StemCells(
            sandboxes,
            runtimeApi,
            runtimes,
            settings.workDir().resolve("cells"),
            Map.of("PATH", PATH, "LANG", LANG, "TZ", TZ));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public long capacityMb() {
    return capacityMb;
  }

  @Override
  public EnvironmentId start(FunctionSpec spec, InitializationType type) {
    try {
      Environment environment = create(spec, type);
      long number = numbers.incrementAndGet();
      environments.put(number, environment);
      return new EnvironmentId(id, number);
    } catch (InvalidEntrypointException e) {
      throw new EnvironmentStartException(
          new InvokeOutcome.SandboxFailed(
              "Runtime.InvalidEntrypoint",
              "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"),
          e);
    } catch (SandboxException | IllegalStateException | UncheckedIOException e) {
      LOG.log(Level.WARNING, "cannot start an environment for " + spec.functionName(), e);
      throw new EnvironmentStartException(
          new InvokeOutcome.SandboxFailed("Runtime.Unavailable", e.getMessage()), e);
    }
  }

  @Override
  public Optional<InvokeOutcome> initialize(EnvironmentId environment) {
    Environment found = find(environment);
    Optional<InvokeOutcome> failure = found.initialize();
    if (failure.isPresent()) {
      environments.remove(environment.number());
    }
    return failure;
  }

  @Override
  public Invoked invoke(EnvironmentId environment, Invocation invocation) {
    Invoked invoked = find(environment).invoke(invocation);
    if (!invoked.reusable()) {
      environments.remove(environment.number());
    }
    return invoked;
  }

  @Override
  public void stop(EnvironmentId environment) {
    Environment found = environments.remove(environment.number());
    if (found != null) {
      found.stop();
    }
  }

  /** Stem cells being started, started, and up. */
  StemCells.Counts cellCounts() {
    return cells.counts();
  }

  /** Stem cells started and waiting to become environments. */
  public int spareCells() {
    return cells.counts().up();
  }

  @Override
  public int environmentCount() {
    return environments.size();
  }

  private Environment find(EnvironmentId environment) {
    Environment found = environments.get(environment.number());
    if (found == null || !environment.worker().equals(id)) {
      throw new IllegalArgumentException("no environment " + environment + " on worker " + id);
    }
    return found;
  }

  private Environment create(FunctionSpec spec, InitializationType type) {
    Path taskRoot = taskRoots.unpack(spec.codeKey(), spec.codeZip());
    if (spec.runtime().startsWith("provided.")
        && !Files.isExecutable(taskRoot.resolve("bootstrap"))) {
      throw new InvalidEntrypointException();
    }
    if (spec.ephemeralStorageMb() == STEM_CELL_STORAGE_MB) {
      Optional<StemCells.Cell> cell = cells.take(StemCells.Key.of(spec));
      if (cell.isPresent()) {
        return specialize(spec, type, taskRoot, cell.get());
      }
    }
    RuntimeChannel channel = runtimeApi.open();
    String name = spec.functionName() + "-" + Long.toHexString(System.identityHashCode(channel));
    Path tmp = tmpRoot.resolve(name);
    SandboxPaths paths = sandboxes.paths(taskRoot, runtimes.runtimeDir(), tmp);
    prepare(spec.runtime(), paths, taskRoot, tmp);
    LogStream log = LogStream.open(logRoot, spec.logGroup(), logStreamName(spec));
    StartGate.Pass pass = starts.enter();
    try {
      List<String> command =
          runtimes
              .command(spec.runtime(), paths.taskRoot(), paths.runtimeDir())
              .orElseThrow(
                  () -> new IllegalStateException("Gust cannot run " + spec.runtime() + " here"));
      CompletableFuture<Sandbox> started = Admission.ownProcessesOnly(channel);
      Sandbox sandbox =
          sandboxes.start(
              new SandboxSpec(
                  name,
                  command,
                  environment(spec, type, paths, channel, log.name()),
                  taskRoot,
                  runtimes.runtimeDir(),
                  tmp,
                  spec.memoryMb(),
                  spec.ephemeralStorageMb(),
                  false,
                  log::line));
      started.complete(sandbox);
      pass.holdUntil(channel.initialized(), sandbox.exited());
      return new Environment(spec, sandbox, channel, log, scheduler);
    } catch (RuntimeException e) {
      pass.release();
      channel.close();
      log.close();
      throw e;
    }
  }

  /** Turns a stem cell into an environment of {@code spec}: its code, then its environment. */
  private Environment specialize(
      FunctionSpec spec, InitializationType type, Path taskRoot, StemCells.Cell cell) {
    LogStream log = LogStream.open(logRoot, spec.logGroup(), logStreamName(spec));
    try {
      TaskRoots.linkInto(taskRoot, cell.taskRoot());
      cell.output().set(log::line);
      cell.channel().specialize(environment(spec, type, cell.paths(), cell.channel(), log.name()));
      return new Environment(spec, cell.sandbox(), cell.channel(), log, scheduler);
    } catch (RuntimeException e) {
      cell.channel().close();
      cell.sandbox().kill();
      log.close();
      throw e;
    }
  }

  /**
   * Starts, once per runtime and in the background, what makes the runtime's next cold starts fast
   * (a Java class-data archive); this cold start does not wait for it.
   */
  private void prepare(String runtime, SandboxPaths paths, Path taskRoot, Path tmp) {
    Optional<List<String>> command = runtimes.preparation(runtime, paths.runtimeDir());
    // Runtimes on the same JDK share one preparation: key by the command, which names the archive.
    if (command.isEmpty() || !prepared.add(String.join(" ", command.get()))) {
      return;
    }
    SandboxSpec spec =
        new SandboxSpec(
            "prepare-" + runtime.replace('.', '-'),
            command.get(),
            Map.of("PATH", "/usr/bin:/bin", "HOME", paths.tmp()),
            taskRoot,
            runtimes.runtimeDir(),
            tmp.resolveSibling(tmp.getFileName() + "-prepare"),
            PREPARATION_MEMORY_MB,
            512,
            true,
            line -> LOG.fine(() -> "preparing " + runtime + ": " + line));
    Thread.ofVirtual()
        .name("gust-prepare-" + runtime)
        .start(
            () -> {
              try (Sandbox sandbox = sandboxes.start(spec)) {
                preparing.add(sandbox);
                int status =
                    sandbox.exited().get(PREPARATION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                sandbox.drainOutput();
                if (status != 0) {
                  LOG.warning("preparing " + runtime + " failed (exit status " + status + ")");
                }
              } catch (Exception e) {
                LOG.log(Level.WARNING, "preparing " + runtime + " failed", e);
              } finally {
                preparing.removeIf(sandbox -> sandbox.exited().isDone());
              }
            });
  }

  /** The environment variables Lambda sets, then the function's own. */
  private Map<String, String> environment(
      FunctionSpec spec,
      InitializationType type,
      SandboxPaths paths,
      RuntimeChannel channel,
      String logStream) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", PATH);
    env.put("LANG", LANG);
    env.put("TZ", TZ);
    env.put("TMPDIR", paths.tmp());
    env.put("_HANDLER", spec.handler());
    env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", spec.logGroup());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", type.value());
    env.put("AWS_REGION", spec.region());
    env.put("AWS_DEFAULT_REGION", spec.region());
    ManagedRuntimes.executionEnv(spec.runtime()).ifPresent(e -> env.put("AWS_EXECUTION_ENV", e));
    env.put("LAMBDA_TASK_ROOT", paths.taskRoot());
    env.put("LAMBDA_RUNTIME_DIR", paths.runtimeDir());
    env.put("AWS_LAMBDA_RUNTIME_API", channel.address());
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_SESSION_TOKEN", "test");
    env.put("AWS_ENDPOINT_URL", endpointUrl);
    env.putAll(spec.environment());
    return env;
  }

  private String logStreamName(FunctionSpec spec) {
    return LocalDate.ofInstant(scheduler.clock().instant(), ZoneOffset.UTC)
            .toString()
            .replace('-', '/')
        + "/["
        + spec.version()
        + "]"
        + UUID.randomUUID().toString().replace("-", "");
  }

  /** A custom runtime's package has no executable {@code bootstrap}. */
  private static final class InvalidEntrypointException extends RuntimeException {
    InvalidEntrypointException() {
      super("no executable bootstrap", null, false, false);
    }
  }

  @Override
  public void close() {
    cells.close();
    preparing.forEach(Sandbox::kill);
    for (Long number : List.copyOf(environments.keySet())) {
      Environment environment = environments.remove(number);
      if (environment != null) {
        environment.stop();
      }
    }
  }
}
