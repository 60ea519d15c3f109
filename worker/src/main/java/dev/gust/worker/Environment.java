package dev.gust.worker;

import dev.gust.runtimes.Errors;
import dev.gust.runtimes.Invocation;
import dev.gust.runtimes.RuntimeChannel;
import dev.gust.runtimes.RuntimeOutcome;
import dev.gust.sandbox.Sandbox;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One execution environment: a sandboxed runtime process and its Runtime API channel.
 *
 * <p>Implementation notes. An environment serves one invocation at a time; the {@link Worker} takes
 * it out of the idle pool before calling {@link #invoke}. Init must finish within {@link
 * #INIT_TIMEOUT}; the function's own timeout bounds each invocation. A timed-out, crashed or failed
 * environment is stopped at once (SIGTERM, 2 s grace, SIGKILL) and never reused. The state is
 * changed only through {@link EnvironmentState#moveTo}, under a lock.
 */
final class Environment {

  /** Lambda's limit on the Init phase. */
  static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);

  private final FunctionSpec spec;
  private final Sandbox sandbox;
  private final RuntimeChannel channel;
  private final ReentrantLock lock = new ReentrantLock();
  private EnvironmentState state = EnvironmentState.STARTING;
  private boolean initialized;

  Environment(FunctionSpec spec, Sandbox sandbox, RuntimeChannel channel) {
    this.spec = spec;
    this.sandbox = sandbox;
    this.channel = channel;
  }

  FunctionSpec spec() {
    return spec;
  }

  EnvironmentState state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** Runs one invocation to its end; the environment is idle again only if it succeeded. */
  InvokeOutcome invoke(Invocation invocation) {
    move(EnvironmentState.BUSY, EnvironmentState.STARTING, EnvironmentState.IDLE);
    CompletableFuture<RuntimeOutcome> reply = channel.submit(invocation);
    if (!initialized) {
      InvokeOutcome failed = awaitInit();
      if (failed != null) {
        stop();
        return failed;
      }
      initialized = true;
    }
    CompletableFuture<Object> done = CompletableFuture.anyOf(reply, sandbox.exited());
    try {
      Object first = done.get(spec.timeoutSeconds(), TimeUnit.SECONDS);
      if (first instanceof RuntimeOutcome outcome) {
        InvokeOutcome result = map(outcome);
        if (result instanceof InvokeOutcome.InitFailed) {
          stop();
        } else {
          move(EnvironmentState.IDLE, EnvironmentState.BUSY);
        }
        return result;
      }
      stop();
      return exited((Integer) first);
    } catch (TimeoutException e) {
      stop();
      return new InvokeOutcome.TimedOut(spec.timeoutSeconds());
    } catch (ExecutionException e) {
      stop();
      return new InvokeOutcome.SandboxFailed("Runtime.ExitError", e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      return new InvokeOutcome.SandboxFailed("Runtime.ExitError", "interrupted");
    }
  }

  /** Waits for init; returns the failure, or null once the runtime asked for work. */
  private InvokeOutcome awaitInit() {
    CompletableFuture<Object> first =
        CompletableFuture.anyOf(channel.initialized(), sandbox.exited());
    try {
      Object value = first.get(INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (value instanceof Integer status && !channel.initialized().isDone()) {
        return exited(status);
      }
      return null;
    } catch (TimeoutException e) {
      return new InvokeOutcome.InitFailed(
          "Runtime.InitTimeout",
          Errors.body("Runtime.InitTimeout", "Init did not finish within 10 seconds."));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeChannel.InitFailedException failed) {
        return new InvokeOutcome.InitFailed(failed.error().errorType(), failed.error().body());
      }
      return new InvokeOutcome.SandboxFailed("Runtime.ExitError", e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new InvokeOutcome.SandboxFailed("Runtime.ExitError", "interrupted");
    }
  }

  private static InvokeOutcome map(RuntimeOutcome outcome) {
    return switch (outcome) {
      case RuntimeOutcome.Success s -> new InvokeOutcome.Ok(s.payload());
      case RuntimeOutcome.FunctionError f ->
          new InvokeOutcome.FunctionError(f.errorType(), f.body());
      case RuntimeOutcome.InitError i -> new InvokeOutcome.InitFailed(i.errorType(), i.body());
    };
  }

  private static InvokeOutcome exited(int status) {
    return new InvokeOutcome.SandboxFailed(
        "Runtime.ExitError", "Runtime exited with error: exit status " + status);
  }

  /** Shuts the environment down (idempotent). */
  void stop() {
    lock.lock();
    try {
      if (state == EnvironmentState.STOPPED) {
        return;
      }
      state = state.moveTo(EnvironmentState.STOPPED);
    } finally {
      lock.unlock();
    }
    channel.close();
    sandbox.shutdown(Sandbox.DEFAULT_GRACE);
  }

  private void move(EnvironmentState to, EnvironmentState... from) {
    lock.lock();
    try {
      for (EnvironmentState allowed : from) {
        if (state == allowed) {
          state = state.moveTo(to);
          return;
        }
      }
      throw new IllegalStateException("environment is " + state + ", cannot become " + to);
    } finally {
      lock.unlock();
    }
  }
}
