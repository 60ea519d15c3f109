package dev.gust.lambdaapi;

import dev.gust.core.Scope;
import dev.gust.core.Violations;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.Page;
import dev.gust.registry.ProvisionedConcurrency;
import dev.gust.registry.ProvisionedConcurrencyRegistry;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.Route;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The provisioned concurrency operations of the Lambda API (REST-JSON, {@code
 * /2019-09-30/functions/{FunctionName}/provisioned-concurrency}), which {@link LambdaApi} serves
 * beside its own. Get and List share a method and path; the {@code List} query parameter, which the
 * SDKs always send with List, tells them apart.
 */
final class ProvisionedConcurrencyApi {

  /**
   * The format of a configuration's {@code LastModified}, such as {@code 2019-12-31T20:28:49+0000}:
   * unlike a function's, it has no milliseconds.
   */
  static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);

  private static final String PATH = "/2019-09-30/functions/{FunctionName}/provisioned-concurrency";
  private static final int MAX_FUNCTION_REFERENCE = 140;

  /** A parsed provisioned concurrency request, one record per operation. */
  sealed interface Request {

    record Put(FunctionRef ref, int requested) implements Request {}

    record Get(FunctionRef ref) implements Request {}

    record Delete(FunctionRef ref) implements Request {}

    record ListConfigs(String functionName, Optional<String> marker, OptionalInt maxItems)
        implements Request {}
  }

  /** The body of PutProvisionedConcurrencyConfig. */
  record PutBody(Integer provisionedConcurrentExecutions) {}

  private final ProvisionedConcurrencyRegistry registry;

  ProvisionedConcurrencyApi(ProvisionedConcurrencyRegistry registry) {
    this.registry = registry;
  }

  List<Route> routes() {
    return List.of(
        route("PutProvisionedConcurrencyConfig", "PUT", ProvisionedConcurrencyApi::put),
        route("GetProvisionedConcurrencyConfig", "GET", ProvisionedConcurrencyApi::getOrList),
        route(
            "DeleteProvisionedConcurrencyConfig", "DELETE", c -> new Request.Delete(qualified(c))));
  }

  private Route.Rest route(String operation, String method, Function<Route.Call, Request> parser) {
    return Route.Rest.of(
        operation, method, PATH, call -> execute(parser.apply(call), call.context().scope()));
  }

  HttpResponse execute(Request request, Scope scope) {
    return switch (request) {
      case Request.Put r ->
          LambdaApi.json(202, config(registry.put(scope, r.ref(), r.requested())));
      case Request.Get r ->
          LambdaApi.json(
              200,
              config(
                  registry
                      .get(scope, r.ref())
                      .orElseThrow(
                          () ->
                              LambdaErrors.PROVISIONED_NOT_FOUND.exception(
                                  "No Provisioned Concurrency Config found for this function"))));
      case Request.Delete r -> {
        registry.delete(scope, r.ref());
        yield HttpResponse.empty(204);
      }
      case Request.ListConfigs r -> {
        Page<ProvisionedConcurrency> page =
            registry.list(scope, r.functionName(), r.marker(), r.maxItems());
        yield LambdaApi.json(
            200,
            WireOutput.page(
                "ProvisionedConcurrencyConfigs",
                page.items().stream().map(ProvisionedConcurrencyApi::listItem).toList(),
                page.nextMarker()));
      }
    };
  }

  // ---- parsing ------------------------------------------------------------------------------

  private static Request put(Route.Call call) {
    FunctionRef ref = qualified(call);
    Integer requested = LambdaApi.body(call, PutBody.class).provisionedConcurrentExecutions();
    Violations violations = new Violations();
    violations.required("provisionedConcurrentExecutions", requested);
    violations.range("provisionedConcurrentExecutions", requested, 1, Integer.MAX_VALUE);
    violations.throwIfAny();
    return new Request.Put(ref, requested);
  }

  private static Request getOrList(Route.Call call) {
    if (call.request().queryParam("List").isEmpty()) {
      return new Request.Get(qualified(call));
    }
    return new Request.ListConfigs(
        call.pathParam("FunctionName"), call.request().queryParam("Marker"), maxItems(call));
  }

  /** The function and the required {@code Qualifier} query parameter. */
  private static FunctionRef qualified(Route.Call call) {
    Optional<String> qualifier = call.request().queryParam("Qualifier");
    FunctionRef ref =
        FunctionRef.parse(call.pathParam("FunctionName"), qualifier, MAX_FUNCTION_REFERENCE);
    Violations violations = new Violations();
    violations.required("qualifier", qualifier.orElse(null));
    violations.throwIfAny();
    return ref;
  }

  /** The {@code MaxItems} query parameter of a list call (the event invoke config API's too). */
  static OptionalInt maxItems(Route.Call call) {
    Optional<String> text = call.request().queryParam("MaxItems");
    if (text.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(text.get()));
    } catch (NumberFormatException e) {
      throw LambdaErrors.INVALID_PARAMETER.exception("MaxItems must be a number: %s", text.get());
    }
  }

  // ---- output -------------------------------------------------------------------------------

  private static Map<String, Object> config(ProvisionedConcurrency c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("RequestedProvisionedConcurrentExecutions", c.requested());
    out.put("AvailableProvisionedConcurrentExecutions", c.available());
    out.put("AllocatedProvisionedConcurrentExecutions", c.allocated());
    out.put("Status", c.status().name());
    c.statusReason().ifPresent(r -> out.put("StatusReason", r));
    out.put("LastModified", LAST_MODIFIED.format(c.lastModified()));
    return out;
  }

  private static Map<String, Object> listItem(ProvisionedConcurrency c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("FunctionArn", c.functionArn());
    out.putAll(config(c));
    return out;
  }
}
