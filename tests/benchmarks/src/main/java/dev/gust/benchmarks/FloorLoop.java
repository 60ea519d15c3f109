package dev.gust.benchmarks;

import dev.gust.runtimes.ManagedRuntimes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The floor of a warm invoke: Gust's Python bootstrap, unchanged, behind the least code that can
 * serve it. A minimal invoke endpoint takes {@code POST .../invocations} and queues the body; a
 * minimal Runtime API hands queued events to whichever runtime is waiting in {@code /next} and
 * completes the waiting Invoke with what the runtime posts to {@code /response} (or {@code /error},
 * answered with {@code X-Amz-Function-Error: Unhandled}). Nothing of Gust is on the path: no
 * routing, registry, concurrency accounting, sandbox, freezing or logs.
 *
 * <p>It keeps Gust's shape so that the difference is Gust's own code: two Jetty 12 servers (the
 * front and the Runtime API) on loopback ports, with handlers on virtual threads, and {@code
 * runtimes} plain runtime processes (no sandbox) started with Gust's own command ({@link
 * ManagedRuntimes#command}) and the environment variables Gust gives its runtimes.
 *
 * <p>Implementation notes. Each Invoke blocks its (virtual) handler thread on a future until the
 * runtime answers. Events wait in one FIFO queue; a runtime blocked in {@code /next} is a free
 * runtime, so each runtime serves one Invoke at a time, as on Lambda. {@link #close} kills the
 * runtimes and releases the handlers still waiting in {@code /next} before stopping the servers.
 */
final class FloorLoop implements AutoCloseable {

  static final String RUNTIME = "python3.13";
  static final String HANDLER = "h.handler";
  private static final String NEXT = "/2018-06-01/runtime/invocation/next";
  private static final String INVOCATION = "/2018-06-01/runtime/invocation/";
  private static final Duration READY_WAIT = Duration.ofSeconds(30);
  private static final Duration READY_POLL = Duration.ofMillis(20);
  private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger JETTY_LOG = quietJetty();

  /** A queued Invoke; {@link #STOP} tells a waiting {@code /next} to give up. */
  private record Pending(String id, ByteBuffer event, CompletableFuture<Reply> reply) {}

  private record Reply(ByteBuffer body, Optional<String> functionError) {}

  private static final Pending STOP = new Pending("", ByteBuffer.allocate(0), null);

  private final Path dir;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Map<String, Pending> running = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger polling = new AtomicInteger();
  private final CountDownLatch started;
  private final List<Process> processes = new ArrayList<>();
  private final Server front;
  private final Server runtimeApi;
  private volatile Optional<String> initError = Optional.empty();

  private FloorLoop(Path dir, int runtimes) {
    this.dir = dir;
    this.started = new CountDownLatch(runtimes);
    this.front = server("floor-front", new Front());
    this.runtimeApi = server("floor-runtime-api", new RuntimeApi());
  }

  /**
   * Starts the servers and {@code runtimes} Python runtimes whose handler {@code h.handler} is
   * defined by {@code handlerSource}, and returns once every runtime waits for an event.
   */
  static FloorLoop start(int runtimes, String handlerSource) {
    Path dir;
    try {
      dir = Files.createTempDirectory("gust-floor-");
      Files.createDirectories(dir.resolve("task"));
      Files.writeString(dir.resolve("task/h.py"), handlerSource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the floor's task root", e);
    }
    FloorLoop loop = new FloorLoop(dir, runtimes);
    try {
      loop.front.start();
      loop.runtimeApi.start();
      loop.startRuntimes(runtimes);
      return loop;
    } catch (Exception e) {
      loop.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** The port of the invoke endpoint. */
  int port() {
    return ((ServerConnector) front.getConnectors()[0]).getLocalPort();
  }

  private void startRuntimes(int count) throws IOException {
    Path runtimeDir = dir.resolve("runtime");
    String taskRoot = dir.resolve("task").toString();
    List<String> command =
        ManagedRuntimes.install(runtimeDir)
            .command(RUNTIME, taskRoot, runtimeDir.toString())
            .orElseThrow(() -> new IllegalStateException(RUNTIME + " cannot run here"));
    String api = "127.0.0.1:" + ((ServerConnector) runtimeApi.getConnectors()[0]).getLocalPort();
    for (int i = 0; i < count; i++) {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.resolve("task").toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile()));
      Map<String, String> env = builder.environment();
      env.clear();
      env.putAll(environment(taskRoot, runtimeDir.toString(), api, i));
      processes.add(builder.start());
    }
    long deadline = System.nanoTime() + READY_WAIT.toNanos();
    try {
      while (!started.await(READY_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
        boolean exited = processes.stream().anyMatch(p -> !p.isAlive());
        if (initError.isPresent() || exited || System.nanoTime() - deadline > 0) {
          throw new Measurement.Failed(
              "the floor's runtimes did not all start: "
                  + initError.orElse(exited ? "one exited" : "timed out")
                  + "; log: "
                  + log());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Measurement.Failed("interrupted");
    }
  }

  /** What Gust's worker sets for a Python runtime, with this loop's addresses. */
  private static Map<String, String> environment(
      String taskRoot, String runtimeDir, String api, int index) {
    return Map.ofEntries(
        Map.entry("PATH", "/usr/local/bin:/usr/bin:/bin"),
        Map.entry("LANG", "en_US.UTF-8"),
        Map.entry("TZ", ":UTC"),
        Map.entry("_HANDLER", HANDLER),
        Map.entry("AWS_LAMBDA_FUNCTION_NAME", "floor"),
        Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"),
        Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
        Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/floor"),
        Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "floor/" + index),
        Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
        Map.entry("AWS_REGION", "us-east-1"),
        Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
        Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_" + RUNTIME),
        Map.entry("LAMBDA_TASK_ROOT", taskRoot),
        Map.entry("LAMBDA_RUNTIME_DIR", runtimeDir),
        Map.entry("AWS_LAMBDA_RUNTIME_API", api));
  }

  private String log() {
    try {
      String text = Files.readString(dir.resolve("log"), StandardCharsets.UTF_8);
      return text.length() <= 500 ? text : "…" + text.substring(text.length() - 500);
    } catch (IOException e) {
      return "(none)";
    }
  }

  /** The invoke endpoint: queues the event and answers with the runtime's reply. */
  private final class Front extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = request.getHttpURI().getPath();
      if (!request.getMethod().equals("POST") || !path.endsWith("/invocations")) {
        Response.writeError(request, response, callback, 404);
        return true;
      }
      ByteBuffer event = Content.Source.asByteBuffer(request);
      Pending pending =
          new Pending(Long.toString(ids.incrementAndGet()), event, new CompletableFuture<>());
      running.put(pending.id(), pending);
      queue.add(pending);
      Reply reply;
      try {
        reply = pending.reply().get(INVOKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        running.remove(pending.id());
        Response.writeError(request, response, callback, 504);
        return true;
      }
      response.setStatus(200);
      response.getHeaders().put("Content-Type", "application/json");
      reply
          .functionError()
          .ifPresent(type -> response.getHeaders().put("X-Amz-Function-Error", type));
      response.write(true, reply.body(), callback);
      return true;
    }
  }

  /** {@code /next}, {@code /response}, {@code /error} and {@code /init/error}, nothing else. */
  private final class RuntimeApi extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = request.getHttpURI().getPath();
      if (path.equals(NEXT)) {
        // Until every runtime has asked once, each /next is a runtime that finished its init.
        started.countDown();
        polling.incrementAndGet();
        Pending next = queue.take();
        polling.decrementAndGet();
        if (next == STOP) {
          Response.writeError(request, response, callback, 410);
          return true;
        }
        response.setStatus(200);
        response.getHeaders().put("Content-Type", "application/json");
        response.getHeaders().put("Lambda-Runtime-Aws-Request-Id", next.id());
        response
            .getHeaders()
            .put(
                "Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + INVOKE_TIMEOUT.toMillis()));
        response
            .getHeaders()
            .put(
                "Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:000000000000:function:floor");
        response.getHeaders().put("Lambda-Runtime-Trace-Id", "Root=1-00000000-" + next.id());
        response.write(true, next.event(), callback);
        return true;
      }
      ByteBuffer body = Content.Source.asByteBuffer(request);
      if (path.startsWith(INVOCATION) && path.endsWith("/response")) {
        answer(path, "/response", new Reply(body, Optional.empty()));
      } else if (path.startsWith(INVOCATION) && path.endsWith("/error")) {
        answer(path, "/error", new Reply(body, Optional.of("Unhandled")));
      } else if (path.endsWith("/init/error")) {
        initError = Optional.of(StandardCharsets.UTF_8.decode(body).toString());
      } else {
        Response.writeError(request, response, callback, 404);
        return true;
      }
      response.setStatus(202);
      response.write(true, ByteBuffer.allocate(0), callback);
      return true;
    }

    private void answer(String path, String suffix, Reply reply) {
      String id = path.substring(INVOCATION.length(), path.length() - suffix.length());
      Pending pending = running.remove(id);
      if (pending != null) {
        pending.reply().complete(reply);
      }
    }
  }

  private static Server server(String name, Handler handler) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName(name);
    threads.setVirtualThreadsExecutor(new VirtualThreadPool());
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    // A runtime may wait in /next for as long as the load generator is between cells.
    connector.setIdleTimeout(Duration.ofHours(1).toMillis());
    server.addConnector(connector);
    server.setHandler(handler);
    return server;
  }

  private static Logger quietJetty() {
    Logger logger = Logger.getLogger("org.eclipse.jetty");
    logger.setLevel(Level.WARNING);
    return logger;
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (Process process : processes) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (int i = 0; i < Math.max(polling.get(), processes.size()); i++) {
      queue.add(STOP);
    }
    running.values().forEach(p -> p.reply().completeExceptionally(new IOException("closed")));
    for (Server server : List.of(front, runtimeApi)) {
      try {
        server.stop();
      } catch (Exception e) {
        System.err.println("[bench] the floor's " + server + " did not stop: " + e);
      }
    }
    TempDirs.delete(dir);
  }
}
