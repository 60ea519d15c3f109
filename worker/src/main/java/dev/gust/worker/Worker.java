package dev.gust.worker;

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
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The execution environments of one node. Each invocation gets an environment of its function
 * version to itself: the most recently used idle one, or a new one (a cold start). Environments
 * that fail, time out or crash are stopped and never reused.
 *
 * <p>Implementation notes. Idle environments are kept per {@link FunctionSpec} (a new code or
 * configuration is a new spec, so old environments are never used for it). The pool lock is held
 * only to take or return an environment, never while one runs. {@link #close} stops every
 * environment, idle or busy, so no runtime process outlives the node.
 */
public final class Worker implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Worker.class.getName());
  private static final Duration ADMISSION_WAIT = Duration.ofSeconds(10);
  private static final Duration PREPARATION_TIMEOUT = Duration.ofMinutes(2);
  private static final int PREPARATION_MEMORY_MB = 1024;

  private final SandboxBackend sandboxes;
  private final RuntimeApiServer runtimeApi;
  private final ManagedRuntimes runtimes;
  private final TaskRoots taskRoots;
  private final Path tmpRoot;
  private final Path logRoot;
  private final String endpointUrl;
  private final InstantSource clock;
  private final Environment.Observer observer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<FunctionSpec, Deque<Environment>> idle = new HashMap<>();
  private final Map<Environment, Boolean> all = new ConcurrentHashMap<>();
  private final Set<String> prepared = ConcurrentHashMap.newKeySet();
  private final Set<Sandbox> preparing = ConcurrentHashMap.newKeySet();

  public Worker(
      SandboxBackend sandboxes,
      RuntimeApiServer runtimeApi,
      ManagedRuntimes runtimes,
      Path workDir,
      Path logRoot,
      String endpointUrl,
      InstantSource clock) {
    this(
        sandboxes,
        runtimeApi,
        runtimes,
        workDir,
        logRoot,
        endpointUrl,
        clock,
        Environment.Observer.NONE);
  }

  Worker(
      SandboxBackend sandboxes,
      RuntimeApiServer runtimeApi,
      ManagedRuntimes runtimes,
      Path workDir,
      Path logRoot,
      String endpointUrl,
      InstantSource clock,
      Environment.Observer observer) {
    this.clock = clock;
    this.sandboxes = sandboxes;
    this.runtimeApi = runtimeApi;
    this.runtimes = runtimes;
    this.taskRoots = new TaskRoots(workDir.resolve("tasks"));
    this.tmpRoot = workDir.resolve("tmp");
    this.logRoot = logRoot;
    this.endpointUrl = endpointUrl;
    this.observer = observer;
  }

  /** Runs the invocation in an environment of the spec's function version. */
  public Invoked invoke(FunctionSpec spec, Invocation invocation) {
    Environment environment;
    try {
      environment = take(spec).orElseGet(() -> create(spec));
    } catch (InvalidEntrypointException e) {
      return new Invoked(
          new InvokeOutcome.SandboxFailed(
              "Runtime.InvalidEntrypoint",
              "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"),
          "");
    } catch (SandboxException | IllegalStateException | UncheckedIOException e) {
      LOG.log(Level.WARNING, "cannot start an environment for " + spec.functionName(), e);
      return new Invoked(
          new InvokeOutcome.SandboxFailed("Runtime.Unavailable", e.getMessage()), "");
    }
    Invoked invoked = environment.invoke(invocation);
    if (environment.state() == EnvironmentState.IDLE) {
      release(spec, environment);
    } else {
      all.remove(environment);
    }
    return invoked;
  }

  /** Environments currently alive, idle or busy. */
  public int environmentCount() {
    return all.size();
  }

  private Optional<Environment> take(FunctionSpec spec) {
    lock.lock();
    try {
      Deque<Environment> pool = idle.get(spec);
      return pool == null ? Optional.empty() : Optional.ofNullable(pool.pollFirst());
    } finally {
      lock.unlock();
    }
  }

  private void release(FunctionSpec spec, Environment environment) {
    lock.lock();
    try {
      idle.computeIfAbsent(spec, s -> new ArrayDeque<>()).addFirst(environment);
    } finally {
      lock.unlock();
    }
  }

  private Environment create(FunctionSpec spec) {
    Path taskRoot = taskRoots.unpack(spec.codeKey(), spec.codeZip());
    if (spec.runtime().startsWith("provided.")
        && !Files.isExecutable(taskRoot.resolve("bootstrap"))) {
      throw new InvalidEntrypointException();
    }
    RuntimeChannel channel = runtimeApi.open();
    String name = spec.functionName() + "-" + Long.toHexString(System.identityHashCode(channel));
    Path tmp = tmpRoot.resolve(name);
    SandboxPaths paths = sandboxes.paths(taskRoot, runtimes.runtimeDir(), tmp);
    prepare(spec.runtime(), paths, taskRoot, tmp);
    LogStream log = LogStream.open(logRoot, spec.logGroup(), logStreamName(spec));
    try {
      List<String> command =
          runtimes
              .command(spec.runtime(), paths.taskRoot(), paths.runtimeDir())
              .orElseThrow(
                  () -> new IllegalStateException("Gust cannot run " + spec.runtime() + " here"));
      // Only the sandbox's own processes may use its Runtime API port; the runtime's first
      // connection may arrive before start returns, so the check waits for the sandbox.
      CompletableFuture<Sandbox> started = new CompletableFuture<>();
      channel.admitOnly(
          clientPort -> {
            try {
              return started
                  .get(ADMISSION_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                  .ownsConnection(clientPort, channel.port());
            } catch (ExecutionException | TimeoutException e) {
              return false;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          });
      Sandbox sandbox =
          sandboxes.start(
              new SandboxSpec(
                  name,
                  command,
                  environment(spec, paths, channel, log.name()),
                  taskRoot,
                  runtimes.runtimeDir(),
                  tmp,
                  spec.memoryMb(),
                  spec.ephemeralStorageMb(),
                  false,
                  log::line));
      started.complete(sandbox);
      Environment environment =
          new Environment(spec, sandbox, channel, log, clock, clock.instant(), observer);
      all.put(environment, Boolean.TRUE);
      return environment;
    } catch (RuntimeException e) {
      channel.close();
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
      FunctionSpec spec, SandboxPaths paths, RuntimeChannel channel, String logStream) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("TMPDIR", paths.tmp());
    env.put("_HANDLER", spec.handler());
    env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", spec.logGroup());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
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
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString().replace('-', '/')
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
    preparing.forEach(Sandbox::kill);
    for (Environment environment : List.copyOf(all.keySet())) {
      environment.stop();
    }
    all.clear();
  }
}
