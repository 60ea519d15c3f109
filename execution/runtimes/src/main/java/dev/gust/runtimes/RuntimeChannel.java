package dev.gust.runtimes;

import dev.gust.core.StateMachine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntPredicate;

/**
 * The Runtime API of one execution environment: the invocations waiting for its runtime, the one it
 * is working on, and how init went.
 *
 * <p>Implementation notes. The worker calls {@link #submit}; the runtime's long-poll on {@code
 * /next} takes from the queue on a virtual thread. An invocation can be answered once, only by a
 * request carrying its id, and only while it is the current one; answers to any other id are
 * refused. The first {@code /next} marks init as done; {@code /init/error} fails init and every
 * invocation submitted so far. {@link #close} fails what is still outstanding and wakes a blocked
 * long-poll. State is guarded by a {@link ReentrantLock}, which does not pin virtual threads.
 *
 * <p>A stem cell (a runtime started before its function is known) first long-polls {@code
 * /gust/specialization}, a Gust-private resource: that poll completes {@link
 * #awaitingSpecialization}, and {@link #specialize} answers it, once, with the function's
 * environment. Closing the channel ends the poll with nothing, and the cell exits. The channel's
 * own lifecycle is the declared {@link State}.
 */
public final class RuntimeChannel implements AutoCloseable {

  private static final Invocation CLOSED =
      new Invocation("", new byte[0], 0, "", Optional.empty(), Optional.empty(), Optional.empty());

  private final int port;
  private final Runnable onClose;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> initialized = new CompletableFuture<>();
  private final CompletableFuture<Void> awaiting = new CompletableFuture<>();
  private final CompletableFuture<Optional<Map<String, String>>> specialization =
      new CompletableFuture<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<Integer> admitted = ConcurrentHashMap.newKeySet();
  private volatile IntPredicate peers = clientPort -> true;
  private Pending current;
  private State state = State.OPEN;

  /**
   * The lifecycle of a channel: open from the start; a stem cell's is specialized once; closing
   * ends either. Changed only under the lock.
   */
  enum State {
    OPEN,
    SPECIALIZED,
    CLOSED;

    static final StateMachine<State> TRANSITIONS =
        StateMachine.declare("runtime channel", State.class)
            .on("specialize", OPEN, SPECIALIZED)
            .on("close", OPEN, CLOSED)
            .on("close", SPECIALIZED, CLOSED)
            .build();
  }

  private record Pending(Invocation invocation, CompletableFuture<RuntimeOutcome> outcome) {}

  RuntimeChannel(int port, Runnable onClose) {
    this.port = port;
    this.onClose = onClose;
  }

  /** The value of {@code AWS_LAMBDA_RUNTIME_API} for this environment's runtime. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * Admits only connections whose client port the predicate accepts: those of the environment's own
   * sandbox. Until this is called every connection is admitted (a runtime started by hand). The
   * predicate is asked once per connection.
   */
  public void admitOnly(IntPredicate clientPorts) {
    admitted.clear();
    peers = clientPorts;
  }

  /** Whether a request that arrived on a connection from {@code clientPort} may be served. */
  boolean admits(int clientPort) {
    if (admitted.contains(clientPort)) {
      return true;
    }
    if (peers.test(clientPort)) {
      admitted.add(clientPort);
      return true;
    }
    return false;
  }

  /** The connection from {@code clientPort} closed: its port may next belong to anyone. */
  void forget(int clientPort) {
    admitted.remove(clientPort);
  }

  /**
   * Completes when the runtime first asks for work, which is when Lambda considers init done;
   * completes exceptionally with {@link InitFailedException} if the runtime reports an init error.
   */
  public CompletableFuture<Void> initialized() {
    return initialized;
  }

  /**
   * Completes when a stem cell's runtime has connected and waits for its function: the cell is
   * ready to be {@linkplain #specialize specialized}. Completes exceptionally if the channel closes
   * first.
   */
  public CompletableFuture<Void> awaitingSpecialization() {
    return awaiting;
  }

  /**
   * Turns the stem cell on this channel into an environment of one function: its runtime receives
   * {@code environment}, the complete environment a runtime of that function is started with (the
   * {@code _HANDLER}, {@code LAMBDA_TASK_ROOT}, {@code AWS_LAMBDA_*} variables and the function's
   * own), replaces its own with it, loads the handler from the task root and goes on as a runtime
   * started normally: {@link #initialized} tells how init went. The task root must hold the
   * function's code by now. The cell may ask before or after this call.
   *
   * @throws IllegalArgumentException if a name is empty or holds {@code =}, or a name or value
   *     holds NUL: no process can be started with such an environment
   * @throws dev.gust.core.IllegalTransitionException (an {@link IllegalStateException}) if the
   *     channel was specialized already, or is closed
   */
  public void specialize(Map<String, String> environment) {
    Map<String, String> copy = new LinkedHashMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf(0) >= 0) {
            throw new IllegalArgumentException("invalid environment variable name: " + name);
          }
          if (value.indexOf(0) >= 0) {
            throw new IllegalArgumentException("the value of " + name + " holds NUL");
          }
          copy.put(name, value);
        });
    lock.lock();
    try {
      state = State.TRANSITIONS.fire("specialize", state);
      specialization.complete(Optional.of(Collections.unmodifiableMap(copy)));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until the channel is specialized; the function's environment, or empty once the channel
   * is closed. Asked again (a cell that reconnected), it answers the same.
   */
  Optional<Map<String, String>> specialization() throws InterruptedException {
    awaiting.complete(null);
    try {
      return specialization.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Queues an invocation for the runtime; the future completes with what the runtime reports. */
  public CompletableFuture<RuntimeOutcome> submit(Invocation invocation) {
    CompletableFuture<RuntimeOutcome> outcome = new CompletableFuture<>();
    lock.lock();
    try {
      if (state == State.CLOSED) {
        outcome.completeExceptionally(new IllegalStateException("runtime channel closed"));
        return outcome;
      }
      queue.add(new Pending(invocation, outcome));
    } finally {
      lock.unlock();
    }
    return outcome;
  }

  /** Blocks until there is an invocation for the runtime; empty once the channel is closed. */
  Optional<Invocation> next() throws InterruptedException {
    initialized.complete(null);
    lock.lock();
    try {
      if (current != null) {
        // The runtime moved on without answering: Lambda treats that as a runtime failure.
        current.outcome.complete(
            new RuntimeOutcome.FunctionError(
                "Runtime.InvalidStateTransition",
                Errors.body(
                    "Runtime.InvalidStateTransition",
                    "The runtime asked for the next invocation before answering the current one.")));
        current = null;
      }
    } finally {
      lock.unlock();
    }
    Pending pending = queue.take();
    lock.lock();
    try {
      if (state == State.CLOSED || pending.invocation == CLOSED) {
        return Optional.empty();
      }
      current = pending;
      return Optional.of(pending.invocation);
    } finally {
      lock.unlock();
    }
  }

  /** Records the runtime's answer to the current invocation; false if the id is not current. */
  boolean complete(String requestId, RuntimeOutcome outcome) {
    lock.lock();
    try {
      if (current == null || !current.invocation.requestId().equals(requestId)) {
        return false;
      }
      current.outcome.complete(outcome);
      current = null;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The runtime reported that init failed: fail init and everything submitted. */
  void initError(RuntimeOutcome.InitError error) {
    initialized.completeExceptionally(new InitFailedException(error));
    lock.lock();
    try {
      if (current != null) {
        current.outcome.complete(error);
        current = null;
      }
      for (Pending pending = queue.poll(); pending != null; pending = queue.poll()) {
        pending.outcome.complete(error);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The loopback port of this environment's Runtime API. */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (state == State.CLOSED) {
        return;
      }
      state = State.TRANSITIONS.fire("close", state);
      IllegalStateException gone = new IllegalStateException("runtime channel closed");
      if (current != null) {
        current.outcome.completeExceptionally(gone);
        current = null;
      }
      for (Pending pending = queue.poll(); pending != null; pending = queue.poll()) {
        pending.outcome.completeExceptionally(gone);
      }
      queue.add(new Pending(CLOSED, new CompletableFuture<>()));
      initialized.completeExceptionally(gone);
      awaiting.completeExceptionally(gone);
      specialization.complete(Optional.empty());
    } finally {
      lock.unlock();
    }
    onClose.run();
  }

  /** Init failed as the runtime reported it. */
  public static final class InitFailedException extends RuntimeException {
    private final transient RuntimeOutcome.InitError error;

    InitFailedException(RuntimeOutcome.InitError error) {
      super(error.errorType(), null, false, false);
      this.error = error;
    }

    public RuntimeOutcome.InitError error() {
      return error;
    }
  }
}
