package dev.gust.http;

import dev.gust.wire.CommonErrors;
import dev.gust.wire.Headers;
import dev.gust.wire.HttpRequest;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The HTTP front: a Jetty 12 server whose handlers run on virtual threads, turning each exchange
 * into an {@link HttpRequest} for the {@link Router} and writing back its {@link HttpResponse}.
 *
 * <p>Bodies larger than the largest any route accepts are refused with {@code 413} as soon as the
 * declared or received length passes it, without buffering the rest. Encoded slashes are allowed in
 * paths because ARNs and names travel percent-encoded in path segments.
 */
final class HttpFront implements AutoCloseable {

  /** Jetty's per-start INFO lines are noise next to Gust's own ready line. */
  private static final java.util.logging.Logger JETTY_LOG = quietJetty();

  private final Server server;
  private final ServerConnector connector;

  /** Binds the port; requests are served once {@link #start} gives the router. */
  HttpFront(String host, int port) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("gust-http");
    threads.setVirtualThreadsExecutor(new VirtualThreadPool());
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "aws-paths",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    try {
      connector.open();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static java.util.logging.Logger quietJetty() {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.eclipse.jetty");
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  void start(Router router) throws Exception {
    server.setHandler(new Exchange(router));
    server.start();
  }

  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private static final class Exchange extends Handler.Abstract {

    private final Router router;
    private final long maxBody;

    Exchange(Router router) {
      this.router = router;
      this.maxBody = router.maxBodyBytes();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Map<String, List<String>> fields = new LinkedHashMap<>();
      for (HttpField field : request.getHeaders()) {
        fields.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
      }
      Headers headers = Headers.of(fields);
      String rawPath = request.getHttpURI().getPath();
      String rawQuery = request.getHttpURI().getQuery();
      HttpResponse reply;
      byte[] body;
      try {
        body = readBody(request);
      } catch (IOException e) {
        // The client went away mid-body: nothing is executed and nobody is left to answer.
        callback.failed(e);
        return true;
      }
      HttpRequest parsed =
          HttpRequest.of(
              request.getMethod(),
              rawPath == null ? "/" : rawPath,
              rawQuery,
              headers,
              body == null ? new byte[0] : body);
      if (body == null) {
        reply =
            router.refuse(
                parsed,
                CommonErrors.REQUEST_TOO_LARGE.exception(
                    "Request must be smaller than %d bytes", maxBody));
      } else {
        String host = headers.first("Host").orElse(request.getHttpURI().getAuthority());
        reply = router.handle(parsed, "http://" + host);
      }
      response.setStatus(reply.status());
      reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
      if (body == null) {
        response.getHeaders().put("Connection", "close");
      }
      response.write(true, ByteBuffer.wrap(reply.body()), callback);
      return true;
    }

    /** The whole body, or {@code null} if it is larger than any route accepts. */
    private byte[] readBody(Request request) throws IOException {
      long declared = request.getLength();
      if (declared > maxBody) {
        return null;
      }
      try (InputStream in = Content.Source.asInputStream(request)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          total += n;
          if (total > maxBody) {
            return null;
          }
          out.write(buffer, 0, n);
        }
        return out.toByteArray();
      }
    }
  }
}
