package dev.gust.runtimes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Connection;
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
 * Serves the Runtime API to every execution environment of a node.
 *
 * <p>Implementation notes. One Jetty server holds one connector per environment, each on its own
 * loopback port; a request is routed to the {@link RuntimeChannel} of the port it arrived on, so
 * the port is the only address a runtime has and it reaches no other environment's invocations
 * through it. Because every sandbox shares the host's loopback, a port could still be dialled from
 * another sandbox: each connection is therefore admitted only if {@link RuntimeChannel#admitOnly}
 * says it comes from the environment's own sandbox (asked once per connection), and refused with
 * 403 otherwise. Handlers run on virtual threads, so a long-poll on {@code /next} costs a parked
 * virtual thread, not a platform thread. Response bodies over Lambda's 6 MB limit (20 MB when
 * streamed) are refused with {@code 413} and fail the invocation with {@code
 * Function.ResponseSizeTooLarge}.
 *
 * <p>Besides Lambda's resources, two Gust-private ones serve a stem cell: {@code GET
 * /2018-06-01/runtime/gust/specialization} long-polls until {@link RuntimeChannel#specialize} and
 * answers {@code 200 {"environment": {...}}}, or {@code 410} once the channel is closed; {@code
 * POST /2018-06-01/runtime/gust/ready} is answered {@code 202} at once and changes nothing: a cell
 * may call it first so that its HTTP client has handled a response before the one that matters (it
 * saves a Node.js cell about 2 ms of its specialization).
 */
public final class RuntimeApiServer implements AutoCloseable {

  /** Lambda's synchronous response limit, as its error message states it. */
  static final int MAX_RESPONSE = 6_291_556;

  static final int MAX_STREAMED_RESPONSE = 20 * 1024 * 1024;
  private static final String PREFIX = "/2018-06-01/runtime/";
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);
  private static final int MAX_PLATFORM_THREADS = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Server server;
  private final Map<Integer, RuntimeChannel> channels = new ConcurrentHashMap<>();

  private RuntimeApiServer(Server server) {
    this.server = server;
  }

  public static RuntimeApiServer start() {
    // Requests run on virtual threads; each environment's connector still holds one platform
    // thread for its selector (it accepts there too), so the pool bounds the environments a node
    // can hold. Lambda's default account concurrency is 1,000.
    QueuedThreadPool threads = new QueuedThreadPool(MAX_PLATFORM_THREADS);
    threads.setName("gust-runtime-api");
    VirtualThreadPool virtualThreads = new VirtualThreadPool();
    threads.setVirtualThreadsExecutor(virtualThreads);
    Server server = new Server(threads);
    // The server starts and stops the virtual threads. Otherwise the first connector's selector
    // would, and closing the first environment would leave every other one unable to serve.
    server.addBean(virtualThreads, true);
    RuntimeApiServer api = new RuntimeApiServer(server);
    server.setHandler(api.new Exchange());
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the Runtime API server", e);
    }
    return api;
  }

  /** Opens the Runtime API of a new environment on a fresh loopback port. */
  public RuntimeChannel open() {
    ServerConnector connector = new ServerConnector(server, 0, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    try {
      server.addConnector(connector);
      connector.start();
    } catch (Exception e) {
      server.removeConnector(connector);
      throw new IllegalStateException("cannot open a Runtime API port", e);
    }
    int port = connector.getLocalPort();
    connector.addEventListener(
        new Connection.Listener() {
          @Override
          public void onClosed(Connection connection) {
            if (connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress a) {
              RuntimeChannel closed = channels.get(port);
              if (closed != null) {
                closed.forget(a.getPort());
              }
            }
          }
        });
    RuntimeChannel channel =
        new RuntimeChannel(
            port,
            () -> {
              channels.remove(port);
              drainThenStop(connector);
            });
    channels.put(port, channel);
    return channel;
  }

  /** Stops accepting now, lets a pending long-poll receive its 410, then drops the port. */
  private void drainThenStop(ServerConnector connector) {
    try {
      connector
          .shutdown()
          .completeOnTimeout(null, SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((done, failure) -> stop(connector));
    } catch (RuntimeException e) {
      // The server is stopping under it (its threads are gone): no long-poll is left to answer.
      stop(connector);
    }
  }

  private void stop(ServerConnector connector) {
    try {
      connector.stop();
    } catch (Exception e) {
      // The connector is going away anyway.
    }
    server.removeConnector(connector);
  }

  @Override
  public void close() {
    channels.values().forEach(RuntimeChannel::close);
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the Runtime API server", e);
    }
  }

  private final class Exchange extends Handler.Abstract {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      SocketAddress local = request.getConnectionMetaData().getLocalSocketAddress();
      RuntimeChannel channel =
          local instanceof InetSocketAddress inet ? channels.get(inet.getPort()) : null;
      String path = request.getHttpURI().getPath();
      String method = request.getMethod();
      SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
      if (channel != null
          && !(remote instanceof InetSocketAddress client && channel.admits(client.getPort()))) {
        reply(
            response,
            callback,
            403,
            Errors.body("AccessDenied", "This connection does not come from the environment"));
        return true;
      }
      if (channel == null || path == null || !path.startsWith(PREFIX)) {
        reply(response, callback, 404, Errors.body("NotFound", "Unknown Runtime API resource"));
        return true;
      }
      String resource = path.substring(PREFIX.length());
      if (method.equals("GET") && resource.equals("invocation/next")) {
        next(channel, response, callback);
      } else if (method.equals("GET") && resource.equals("gust/specialization")) {
        specialization(channel, response, callback);
      } else if (method.equals("POST") && resource.equals("gust/ready")) {
        readAll(request, 0);
        accepted(response, callback);
      } else if (method.equals("POST") && resource.equals("init/error")) {
        byte[] body = readAll(request, MAX_RESPONSE).orElse(new byte[0]);
        channel.initError(
            new RuntimeOutcome.InitError(errorType(request, "Runtime.Unknown"), body));
        accepted(response, callback);
      } else if (method.equals("POST") && resource.startsWith("invocation/")) {
        String[] parts = resource.split("/");
        if (parts.length == 3 && parts[2].equals("response")) {
          answer(channel, parts[1], responseOutcome(request), response, callback);
        } else if (parts.length == 3 && parts[2].equals("error")) {
          byte[] body = readAll(request, MAX_RESPONSE).orElse(new byte[0]);
          RuntimeOutcome error =
              new RuntimeOutcome.FunctionError(errorType(request, "Unhandled"), body);
          answer(channel, parts[1], error, response, callback);
        } else {
          reply(response, callback, 404, Errors.body("NotFound", "Unknown Runtime API resource"));
        }
      } else {
        reply(response, callback, 404, Errors.body("NotFound", "Unknown Runtime API resource"));
      }
      return true;
    }

    private void next(RuntimeChannel channel, Response response, Callback callback)
        throws InterruptedException {
      Optional<Invocation> next = channel.next();
      if (next.isEmpty()) {
        reply(response, callback, 410, Errors.body("Gone", "The environment is shutting down"));
        return;
      }
      Invocation invocation = next.get();
      HttpFields.Mutable headers = response.getHeaders();
      headers.put("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
      headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMillis()));
      headers.put("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn());
      invocation.traceId().ifPresent(t -> headers.put("Lambda-Runtime-Trace-Id", t));
      invocation.clientContext().ifPresent(c -> headers.put("Lambda-Runtime-Client-Context", c));
      invocation
          .cognitoIdentity()
          .ifPresent(c -> headers.put("Lambda-Runtime-Cognito-Identity", c));
      reply(response, callback, 200, invocation.payload());
    }

    private void specialization(RuntimeChannel channel, Response response, Callback callback)
        throws InterruptedException, JsonProcessingException {
      Optional<Map<String, String>> environment = channel.specialization();
      if (environment.isEmpty()) {
        reply(response, callback, 410, Errors.body("Gone", "The environment is shutting down"));
        return;
      }
      byte[] body = JSON.writeValueAsBytes(Map.of("environment", environment.get()));
      reply(response, callback, 200, body);
    }

    private void answer(
        RuntimeChannel channel,
        String requestId,
        RuntimeOutcome outcome,
        Response response,
        Callback callback) {
      boolean tooLarge =
          outcome instanceof RuntimeOutcome.FunctionError error
              && error.errorType().equals("Function.ResponseSizeTooLarge");
      if (!channel.complete(requestId, outcome)) {
        reply(response, callback, 400, Errors.body("InvalidRequestID", "Invalid request ID"));
      } else if (tooLarge) {
        reply(
            response,
            callback,
            413,
            Errors.body(
                "RequestEntityTooLarge",
                "Exceeded maximum allowed payload size (" + MAX_RESPONSE + " bytes)."));
      } else {
        accepted(response, callback);
      }
    }

    private RuntimeOutcome responseOutcome(Request request) throws IOException {
      boolean streaming =
          "streaming"
              .equalsIgnoreCase(request.getHeaders().get("Lambda-Runtime-Function-Response-Mode"));
      Optional<byte[]> body = readAll(request, streaming ? MAX_STREAMED_RESPONSE : MAX_RESPONSE);
      if (body.isEmpty()) {
        return new RuntimeOutcome.FunctionError(
            "Function.ResponseSizeTooLarge",
            Errors.body(
                "Function.ResponseSizeTooLarge",
                "Response payload size exceeded maximum allowed payload size ("
                    + (streaming ? MAX_STREAMED_RESPONSE : MAX_RESPONSE)
                    + " bytes)."));
      }
      HttpFields trailers = request.getTrailers();
      if (streaming && trailers != null) {
        String errorType = trailers.get("Lambda-Runtime-Function-Error-Type");
        if (errorType != null) {
          String encoded = trailers.get("Lambda-Runtime-Function-Error-Body");
          byte[] errorBody =
              encoded == null
                  ? Errors.body(errorType, "")
                  : Base64.getDecoder().decode(encoded.getBytes(StandardCharsets.US_ASCII));
          return new RuntimeOutcome.FunctionError(errorType, errorBody);
        }
      }
      return new RuntimeOutcome.Success(body.get());
    }

    private static String errorType(Request request, String fallback) {
      String type = request.getHeaders().get("Lambda-Runtime-Function-Error-Type");
      return type == null || type.isBlank() ? fallback : type;
    }

    /** The body, or empty if it is longer than {@code limit}; reads to the end either way. */
    private static Optional<byte[]> readAll(Request request, int limit) throws IOException {
      try (InputStream in = Content.Source.asInputStream(request)) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        boolean over = false;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (!over && out.size() + n <= limit) {
            out.write(buffer, 0, n);
          } else {
            over = true;
          }
        }
        return over ? Optional.empty() : Optional.of(out.toByteArray());
      }
    }

    private static void accepted(Response response, Callback callback) {
      reply(response, callback, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(Response response, Callback callback, int status, byte[] body) {
      response.setStatus(status);
      response.getHeaders().put("Content-Type", "application/json");
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }
}
