package dev.gust.lambdaapi;

import dev.gust.core.AwsException;
import dev.gust.core.Scope;
import dev.gust.registry.Arns;
import dev.gust.registry.EventInvokeConfig;
import dev.gust.registry.EventInvokeConfigRegistry;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.FunctionVersion;
import dev.gust.registry.Page;
import dev.gust.registry.Registry;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.Route;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The asynchronous invocation configuration operations of the Lambda API (REST-JSON, {@code
 * /2019-09-25/functions/{FunctionName}/event-invoke-config}), which {@link LambdaApi} serves beside
 * its own: PUT puts, POST updates, GET gets, DELETE deletes, and {@code .../list} lists.
 */
final class EventInvokeConfigApi {

  private static final String PATH = "/2019-09-25/functions/{FunctionName}/event-invoke-config";
  private static final int MAX_FUNCTION_REFERENCE = 140;

  /** A parsed asynchronous invocation configuration request, one record per operation. */
  sealed interface Request {

    record Put(FunctionRef ref, EventInvokeConfigRegistry.Settings settings) implements Request {}

    record Update(FunctionRef ref, EventInvokeConfigRegistry.Settings settings)
        implements Request {}

    record Get(FunctionRef ref) implements Request {}

    record Delete(FunctionRef ref) implements Request {}

    record ListConfigs(String functionName, Optional<String> marker, OptionalInt maxItems)
        implements Request {}
  }

  /** The body of PutFunctionEventInvokeConfig and UpdateFunctionEventInvokeConfig. */
  record Body(
      Integer maximumRetryAttempts,
      Integer maximumEventAgeInSeconds,
      DestinationConfig destinationConfig) {}

  record DestinationConfig(Target onSuccess, Target onFailure) {}

  record Target(String destination) {}

  private final Registry functions;
  private final EventInvokeConfigRegistry registry;

  EventInvokeConfigApi(Registry functions) {
    this.functions = functions;
    this.registry = functions.eventInvokeConfigs();
  }

  List<Route> routes() {
    return List.of(
        route("PutFunctionEventInvokeConfig", "PUT", PATH, c -> new Request.Put(ref(c), body(c))),
        route(
            "UpdateFunctionEventInvokeConfig",
            "POST",
            PATH,
            c -> new Request.Update(ref(c), body(c))),
        route("GetFunctionEventInvokeConfig", "GET", PATH, c -> new Request.Get(ref(c))),
        route("DeleteFunctionEventInvokeConfig", "DELETE", PATH, c -> new Request.Delete(ref(c))),
        route(
            "ListFunctionEventInvokeConfigs",
            "GET",
            PATH + "/list",
            c ->
                new Request.ListConfigs(
                    c.pathParam("FunctionName"),
                    c.request().queryParam("Marker"),
                    ProvisionedConcurrencyApi.maxItems(c))));
  }

  private Route.Rest route(
      String operation, String method, String path, Function<Route.Call, Request> parser) {
    return Route.Rest.of(
        operation, method, path, call -> execute(parser.apply(call), call.context().scope()));
  }

  HttpResponse execute(Request request, Scope scope) {
    return switch (request) {
      case Request.Put r -> LambdaApi.json(200, config(registry.put(scope, r.ref(), r.settings())));
      case Request.Update r ->
          LambdaApi.json(200, config(registry.update(scope, r.ref(), r.settings())));
      case Request.Get r ->
          LambdaApi.json(
              200,
              config(registry.get(scope, r.ref()).orElseThrow(() -> noConfig(scope, r.ref()))));
      case Request.Delete r -> {
        registry.delete(scope, r.ref());
        yield HttpResponse.empty(204);
      }
      case Request.ListConfigs r -> {
        Page<EventInvokeConfig> page =
            registry.list(scope, r.functionName(), r.marker(), r.maxItems());
        yield LambdaApi.json(
            200,
            WireOutput.page(
                "FunctionEventInvokeConfigs",
                page.items().stream().map(EventInvokeConfigApi::config).toList(),
                page.nextMarker()));
      }
    };
  }

  /** AWS's answer when a version or alias has no configuration. */
  private AwsException noConfig(Scope scope, FunctionRef ref) {
    return LambdaErrors.NOT_FOUND.exception(
        "The function %s doesn't have an EventInvokeConfig",
        Arns.function(
            functions.scopeOf(scope, ref),
            ref.name(),
            ref.qualifier().orElse(FunctionVersion.LATEST)));
  }

  // ---- parsing ------------------------------------------------------------------------------

  private static FunctionRef ref(Route.Call call) {
    return FunctionRef.parse(
        call.pathParam("FunctionName"),
        call.request().queryParam("Qualifier"),
        MAX_FUNCTION_REFERENCE);
  }

  private static EventInvokeConfigRegistry.Settings body(Route.Call call) {
    Body body = LambdaApi.body(call, Body.class);
    return new EventInvokeConfigRegistry.Settings(
        optional(body.maximumRetryAttempts()),
        optional(body.maximumEventAgeInSeconds()),
        Optional.ofNullable(body.destinationConfig())
            .map(
                d ->
                    new EventInvokeConfigRegistry.Destinations(
                        destination(d.onSuccess()), destination(d.onFailure()))));
  }

  private static Optional<String> destination(Target target) {
    return Optional.ofNullable(target).map(Target::destination);
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  // ---- output -------------------------------------------------------------------------------

  /**
   * A {@code FunctionEventInvokeConfig}. {@code LastModified} is a timestamp in Unix seconds with
   * milliseconds, the protocol's default; both destinations are always present, empty when unset.
   */
  private static Map<String, Object> config(EventInvokeConfig c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("LastModified", BigDecimal.valueOf(c.lastModified().toEpochMilli(), 3));
    out.put("FunctionArn", c.functionArn());
    c.maximumRetryAttempts().ifPresent(n -> out.put("MaximumRetryAttempts", n));
    c.maximumEventAgeInSeconds().ifPresent(n -> out.put("MaximumEventAgeInSeconds", n));
    Map<String, Object> destinations = new LinkedHashMap<>();
    destinations.put("OnSuccess", destination(c.onSuccess()));
    destinations.put("OnFailure", destination(c.onFailure()));
    out.put("DestinationConfig", destinations);
    return out;
  }

  private static Map<String, String> destination(Optional<String> target) {
    return target.map(t -> Map.of("Destination", t)).orElse(Map.of());
  }
}
