package dev.gust.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A low-overhead client for the two requests the benchmark times: a synchronous Invoke (raw HTTP,
 * no SDK marshalling; Gust reads the credential scope but does not verify SigV4 signatures), the
 * health check and the metrics scrape. One HTTP/1.1 keep-alive connection is reused by sequential
 * requests.
 */
final class Invoker implements AutoCloseable {

  private static final String AUTHORIZATION =
      "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request,"
          + " SignedHeaders=host, Signature=0";
  private static final Pattern INIT_DURATION = Pattern.compile("Init Duration: ([0-9.]+) ms");

  /**
   * One timed Invoke: its duration, and why it failed (status, function error type and body) when
   * it did not answer 200 without a function error.
   */
  record Result(long nanos, Optional<String> failure, Optional<Double> initMs) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          // Completes replies on the client's selector thread: one thread hand-off less per
          // request.
          .executor(Runnable::run)
          .build();
  private final String endpoint;
  private final HttpRequest health;

  Invoker(String endpoint) {
    this.endpoint = endpoint;
    this.health = HttpRequest.newBuilder(URI.create(endpoint + "/_gust/health")).GET().build();
  }

  /**
   * Invokes a function with the event {@code {}} and times it from sending the request to having
   * read the whole reply. With {@code tail}, the reply carries the log tail and the REPORT line's
   * init duration is read from it.
   */
  Result invoke(String function, boolean tail) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(endpoint + "/2015-03-31/functions/" + function + "/invocations"))
            .header("Authorization", AUTHORIZATION)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (tail) {
      request.header("X-Amz-Log-Type", "Tail");
    }
    HttpRequest built = request.build();
    long start = System.nanoTime();
    HttpResponse<byte[]> reply = send(built);
    long nanos = System.nanoTime() - start;
    Optional<Double> initMs =
        reply
            .headers()
            .firstValue("X-Amz-Log-Result")
            .map(log -> new String(Base64.getDecoder().decode(log), StandardCharsets.UTF_8))
            .flatMap(Invoker::initDuration);
    Optional<String> error = reply.headers().firstValue("X-Amz-Function-Error");
    Optional<String> failure =
        reply.statusCode() == 200 && error.isEmpty()
            ? Optional.empty()
            : Optional.of(
                reply.statusCode()
                    + error.map(type -> " " + type).orElse("")
                    + ": "
                    + new String(reply.body(), StandardCharsets.UTF_8));
    return new Result(nanos, failure, initMs);
  }

  /** Times one {@code GET /_gust/health}: the server's no-op round trip. */
  long health() {
    long start = System.nanoTime();
    HttpResponse<byte[]> reply = send(health);
    long nanos = System.nanoTime() - start;
    if (reply.statusCode() != 200) {
      throw new IllegalStateException("health check answered " + reply.statusCode());
    }
    return nanos;
  }

  /** The node's metrics in the Prometheus text format ({@code GET /_gust/metrics}). */
  String metrics() {
    HttpResponse<byte[]> reply =
        send(HttpRequest.newBuilder(URI.create(endpoint + "/_gust/metrics")).GET().build());
    if (reply.statusCode() != 200) {
      throw new IllegalStateException("the metrics endpoint answered " + reply.statusCode());
    }
    return new String(reply.body(), StandardCharsets.UTF_8);
  }

  private static Optional<Double> initDuration(String log) {
    Matcher matcher = INIT_DURATION.matcher(log);
    return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
