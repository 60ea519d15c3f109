package dev.gust.http;

import dev.gust.wire.HttpResponse;
import dev.gust.wire.Json;
import dev.gust.wire.Route;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gust's own endpoints under {@code /_gust/}: health now, metrics and the console later. */
final class PlatformApi {

  private final InstantSource clock;
  private final Instant started;
  private final String version;
  private final List<String> services;

  PlatformApi(InstantSource clock, String version, List<String> services) {
    this.clock = clock;
    this.started = clock.instant();
    this.version = version;
    this.services = List.copyOf(services);
  }

  List<Route> routes() {
    return List.of(Route.Rest.of("Health", "GET", "/_gust/health", call -> health()));
  }

  private HttpResponse health() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("version", version);
    body.put("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
    body.put("services", services);
    return HttpResponse.json(200, Json.camelCase().write(body));
  }
}
