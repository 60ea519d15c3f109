package dev.gust.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to a node, for what the SDK would refuse to send and for {@code /_gust/}. */
public final class RawHttp {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private RawHttp() {}

  /** Sends {@code body} to {@code url + path} as JSON, with any extra header pairs. */
  public static HttpResponse<String> send(
      String url, String method, String path, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json");
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The node's metrics, in Prometheus text format. */
  public static String metrics(String url) {
    try {
      return send(url, "GET", "/_gust/metrics", new byte[0]).body();
    } catch (Exception e) {
      throw new AssertionError("cannot read the metrics", e);
    }
  }
}
