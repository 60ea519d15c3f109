package dev.gust.sns;

import dev.gust.core.ErrorType;
import dev.gust.delivery.Delivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Delivers SNS messages to HTTP and HTTPS subscribers: a {@code POST} of the message with {@code
 * Content-Type: text/plain; charset=UTF-8} and the {@code x-amz-sns-*} headers. A 2xx answer within
 * 15 seconds is a delivery; anything else is a failed attempt, retried by the outbox.
 */
final class SnsHttp implements AutoCloseable {

  static final ErrorType DELIVERY_FAILED = ErrorType.service("HttpDeliveryFailed", 502);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  void post(String url, Delivery.Message message) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Content-Type", "text/plain; charset=UTF-8")
            .header("User-Agent", "Amazon Simple Notification Service Agent")
            .POST(HttpRequest.BodyPublishers.ofString(message.body()));
    message.attributes().forEach(request::header);
    try {
      HttpResponse<Void> response =
          client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw DELIVERY_FAILED.exception("%s answered %d", url, response.statusCode());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw DELIVERY_FAILED.exception("cannot POST to %s: %s", url, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DELIVERY_FAILED.exception("interrupted while posting to %s", url);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
