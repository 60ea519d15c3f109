package dev.gust.metrics;

import dev.gust.wire.HttpResponse;
import dev.gust.wire.Route;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Serves {@code GET /_gust/metrics}: every series of a {@link Metrics}, for Prometheus to scrape.
 */
public final class MetricsApi {

  /** The content type of Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Metrics metrics;

  public MetricsApi(Metrics metrics) {
    this.metrics = metrics;
  }

  public List<Route> routes() {
    return List.of(
        Route.Rest.of(
            "Metrics",
            "GET",
            "/_gust/metrics",
            call ->
                HttpResponse.of(
                    200, CONTENT_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8))));
  }
}
