package dev.gust.worker;

import dev.gust.core.Scheduler;
import dev.gust.runtimes.Errors;
import dev.gust.runtimes.Invocation;
import dev.gust.runtimes.RuntimeChannel;
import dev.gust.runtimes.RuntimeOutcome;
import dev.gust.sandbox.Sandbox;
import dev.gust.sandbox.SandboxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One execution environment: a sandboxed runtime process, its Runtime API channel and its log
 * stream.
 *
 * <p>Implementation notes. An environment serves one invocation at a time; the {@link
 * WorkerManager} takes it out of its idle pool before calling {@link #invoke}. Init must finish
 * within {@link #INIT_TIMEOUT}, either ahead of any invocation ({@link #initialize}, provisioned
 * concurrency) or as part of the first one; the function's own timeout bounds each invocation. Both
 * limits are timers of the injected {@link Scheduler}. Between invocations the sandbox is frozen
 * (where the host has a freezer) once it has been idle for {@link #FREEZE_DELAY}, and thawed for
 * the next invocation. A timed-out, crashed or failed environment is stopped at once (SIGTERM, 2 s
 * grace, SIGKILL) and never reused. The state changes only by an event of {@link
 * EnvironmentState#TRANSITIONS}, under a lock.
 */
final class Environment {

  private static final Logger LOG = Logger.getLogger(Environment.class.getName());

  /** How long an environment stays idle before its sandbox is frozen. */
  static final Duration FREEZE_DELAY = Duration.ofMillis(100);

  /** Lambda's limit on the Init phase. */
  static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);

  private final FunctionSpec spec;
  private final Sandbox sandbox;
  private final RuntimeChannel channel;
  private final LogStream log;
  private final Scheduler scheduler;
  private final Instant created;
  private final ReentrantLock lock = new ReentrantLock();
  private EnvironmentState state = EnvironmentState.STARTING;
  private boolean initialized;
  private boolean frozen;
  private Scheduler.Cancellable pendingFreeze = () -> {};

  Environment(
      FunctionSpec spec,
      Sandbox sandbox,
      RuntimeChannel channel,
      LogStream log,
      Scheduler scheduler) {
    this.spec = spec;
    this.sandbox = sandbox;
    this.channel = channel;
    this.log = log;
    this.scheduler = scheduler;
    this.created = scheduler.clock().instant();
  }

  EnvironmentState state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs Init ahead of any invocation: returns nothing once the runtime asks for its first event
   * (the environment is then idle and frozen), or the failure (the environment is then stopped).
   */
  Optional<InvokeOutcome> initialize() {
    Optional<InvokeOutcome> failure = awaitInit();
    sandbox.drainOutput();
    if (failure.isPresent()) {
      stop();
      return failure;
    }
    initialized = true;
    fire("initialized");
    freezeLater();
    return Optional.empty();
  }

  /** Runs one invocation to its end; the environment is idle again only if it succeeded. */
  Invoked invoke(Invocation invocation) {
    boolean thaw;
    lock.lock();
    try {
      fire("invoke");
      pendingFreeze.cancel();
      thaw = frozen;
      frozen = false;
    } finally {
      lock.unlock();
    }
    if (thaw) {
      sandbox.thaw();
    }
    String requestId = invocation.requestId();
    log.start(requestId, spec.version());
    Instant begun = scheduler.clock().instant();
    CompletableFuture<RuntimeOutcome> reply = channel.submit(invocation);
    Optional<Duration> initDuration = Optional.empty();
    Optional<InvokeOutcome> initFailure = Optional.empty();
    if (!initialized) {
      initFailure = awaitInit();
      initDuration = Optional.of(Duration.between(created, scheduler.clock().instant()));
      begun = scheduler.clock().instant();
      initialized = initFailure.isEmpty();
    }
    InvokeOutcome outcome = initFailure.orElseGet(() -> await(reply));
    Duration took = Duration.between(begun, scheduler.clock().instant());
    if (state() == EnvironmentState.BUSY && succeeded(outcome)) {
      fire("finished");
    }
    sandbox.drainOutput();
    describeFailure(requestId, outcome);
    String part =
        log.end(
            requestId,
            took,
            spec.memoryMb(),
            sandbox.peakMemoryBytes(),
            initDuration,
            spec.runtime().startsWith("provided."));
    if (state() == EnvironmentState.IDLE) {
      freezeLater();
    } else {
      stop();
    }
    return new Invoked(outcome, part, initDuration, took, state() == EnvironmentState.IDLE);
  }

  private static boolean succeeded(InvokeOutcome outcome) {
    return outcome instanceof InvokeOutcome.Ok || outcome instanceof InvokeOutcome.FunctionError;
  }

  private InvokeOutcome await(CompletableFuture<RuntimeOutcome> reply) {
    try {
      Object first = within(Duration.ofSeconds(spec.timeoutSeconds()), reply, sandbox.exited());
      if (first instanceof RuntimeOutcome outcome) {
        return map(outcome);
      }
      if (first instanceof Integer status) {
        return exited(status);
      }
      return new InvokeOutcome.TimedOut(spec.timeoutSeconds());
    } catch (ExecutionException e) {
      return new InvokeOutcome.SandboxFailed("Runtime.ExitError", e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new InvokeOutcome.SandboxFailed("Runtime.ExitError", "interrupted");
    }
  }

  /** Waits for init; returns the failure, or nothing once the runtime asked for work. */
  private Optional<InvokeOutcome> awaitInit() {
    try {
      Object value = within(INIT_TIMEOUT, channel.initialized(), sandbox.exited());
      if (value == TIMED_OUT && !channel.initialized().isDone()) {
        return Optional.of(
            new InvokeOutcome.InitFailed(
                "Runtime.InitTimeout",
                Errors.body("Runtime.InitTimeout", "Init did not finish within 10 seconds.")));
      }
      if (value instanceof Integer status && !channel.initialized().isDone()) {
        return Optional.of(exited(status));
      }
      return Optional.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeChannel.InitFailedException failed) {
        return Optional.of(
            new InvokeOutcome.InitFailed(failed.error().errorType(), failed.error().body()));
      }
      return Optional.of(
          new InvokeOutcome.SandboxFailed("Runtime.ExitError", e.getCause().getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(new InvokeOutcome.SandboxFailed("Runtime.ExitError", "interrupted"));
    }
  }

  /**
   * Waits for the first of {@code futures} to complete, or for {@code limit} to pass on the
   * scheduler's clock ({@link #TIMED_OUT}).
   */
  private Object within(Duration limit, CompletableFuture<?>... futures)
      throws ExecutionException, InterruptedException {
    CompletableFuture<Object> timer = new CompletableFuture<>();
    Scheduler.Cancellable pending = scheduler.schedule(limit, () -> timer.complete(TIMED_OUT));
    try {
      CompletableFuture<?>[] all = java.util.Arrays.copyOf(futures, futures.length + 1);
      all[futures.length] = timer;
      return CompletableFuture.anyOf(all).get();
    } finally {
      pending.cancel();
    }
  }

  private static final Object TIMED_OUT = new Object();

  private static InvokeOutcome map(RuntimeOutcome outcome) {
    return switch (outcome) {
      case RuntimeOutcome.Success s -> new InvokeOutcome.Ok(s.payload());
      case RuntimeOutcome.FunctionError f ->
          new InvokeOutcome.FunctionError(f.errorType(), f.body());
      case RuntimeOutcome.InitError i -> new InvokeOutcome.InitFailed(i.errorType(), i.body());
    };
  }

  /** The runtime process ended: an OOM kill is reported as Lambda reports it. */
  private InvokeOutcome exited(int status) {
    if (sandbox.outOfMemory()) {
      return new InvokeOutcome.SandboxFailed(
          "Runtime.OutOfMemory", "Runtime exited with error: signal: killed");
    }
    return new InvokeOutcome.SandboxFailed(
        "Runtime.ExitError", "Runtime exited with error: " + ExitStatus.describe(status));
  }

  /** Lambda's own log lines for an invocation the platform ended. */
  private void describeFailure(String requestId, InvokeOutcome outcome) {
    switch (outcome) {
      case InvokeOutcome.TimedOut t ->
          log.line(
              DateTimeFormatter.ISO_INSTANT.format(scheduler.clock().instant())
                  + " "
                  + requestId
                  + " Task timed out after "
                  + t.timeoutSeconds()
                  + ".00 seconds");
      case InvokeOutcome.SandboxFailed f -> {
        log.line("RequestId: " + requestId + " Error: " + f.message());
        log.line(f.errorType());
      }
      default -> {}
    }
  }

  /**
   * Freezes the sandbox once it has stayed idle for {@link #FREEZE_DELAY}: back-to-back invocations
   * then pay for neither the freeze nor the thaw.
   */
  private void freezeLater() {
    lock.lock();
    try {
      pendingFreeze = scheduler.schedule(FREEZE_DELAY, this::freezeIfIdle);
    } finally {
      lock.unlock();
    }
  }

  private void freezeIfIdle() {
    lock.lock();
    try {
      if (state != EnvironmentState.IDLE || frozen) {
        return;
      }
      sandbox.freeze();
      frozen = true;
    } catch (SandboxException e) {
      // It stays idle and usable, only not frozen.
      LOG.log(Level.WARNING, "cannot freeze an idle environment of " + spec.functionName(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Shuts the environment down (idempotent). */
  void stop() {
    lock.lock();
    try {
      if (state == EnvironmentState.STOPPED) {
        return;
      }
      state = EnvironmentState.TRANSITIONS.fire("stop", state);
    } finally {
      lock.unlock();
    }
    channel.close();
    sandbox.shutdown(Sandbox.DEFAULT_GRACE);
    log.close();
  }

  /** Makes the move {@code event} declares from the current state; an undeclared one is a bug. */
  private void fire(String event) {
    lock.lock();
    try {
      state = EnvironmentState.TRANSITIONS.fire(event, state);
    } finally {
      lock.unlock();
    }
  }
}
