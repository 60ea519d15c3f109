package dev.gust.lambdaapi;

import dev.gust.core.Scope;
import dev.gust.core.Violations;
import dev.gust.registry.AccountSettings;
import dev.gust.registry.Alias;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.FunctionVersion;
import dev.gust.registry.Page;
import dev.gust.registry.Registry;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.Json;
import dev.gust.wire.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Lambda management API on REST-JSON: each route parses its HTTP request into a {@link
 * LambdaRequest}, {@link #execute} runs it against the {@link Registry}, and the result is written
 * in the shape the AWS SDKs expect, with the status codes of the API model. Its {@link #routes}
 * include those of the provisioned concurrency and event invoke config operations.
 */
public final class LambdaApi {

  /** CreateFunction and UpdateFunctionCode accept a 50 MB zip, base64-encoded in JSON. */
  static final long MAX_CODE_REQUEST = 69_905_067L;

  private static final Json JSON = Json.pascalCase();
  private static final String FUNCTIONS = "/2015-03-31/functions";
  private static final String FUNCTION = FUNCTIONS + "/{FunctionName}";

  private final Registry registry;
  private final ProvisionedConcurrencyApi provisioned;
  private final EventInvokeConfigApi eventInvokeConfigs;

  public LambdaApi(Registry registry) {
    this.registry = registry;
    this.provisioned = new ProvisionedConcurrencyApi(registry.provisioned());
    this.eventInvokeConfigs = new EventInvokeConfigApi(registry);
  }

  /** The routes of the management API, plus the code download link GetFunction hands out. */
  public List<Route> routes() {
    return Stream.of(managementRoutes(), provisioned.routes(), eventInvokeConfigs.routes())
        .flatMap(List::stream)
        .toList();
  }

  private List<Route> managementRoutes() {
    return List.of(
        route("CreateFunction", "POST", FUNCTIONS, this::createFunction)
            .withMaxBody(MAX_CODE_REQUEST),
        route("ListFunctions", "GET", FUNCTIONS, LambdaApi::listFunctions),
        route("GetFunction", "GET", FUNCTION, c -> new LambdaRequest.GetFunction(qualified(c))),
        route(
            "GetFunctionConfiguration",
            "GET",
            FUNCTION + "/configuration",
            c -> new LambdaRequest.GetFunctionConfiguration(qualified(c))),
        route(
            "UpdateFunctionConfiguration",
            "PUT",
            FUNCTION + "/configuration",
            LambdaApi::updateConfiguration),
        route("UpdateFunctionCode", "PUT", FUNCTION + "/code", LambdaApi::updateCode)
            .withMaxBody(MAX_CODE_REQUEST),
        route(
            "DeleteFunction",
            "DELETE",
            FUNCTION,
            c -> new LambdaRequest.DeleteFunction(qualified(c))),
        route("PublishVersion", "POST", FUNCTION + "/versions", LambdaApi::publishVersion),
        route(
            "ListVersionsByFunction",
            "GET",
            FUNCTION + "/versions",
            c ->
                new LambdaRequest.ListVersionsByFunction(
                    name(c), c.request().queryParam("Marker"), maxItems(c))),
        route("CreateAlias", "POST", FUNCTION + "/aliases", LambdaApi::createAlias),
        route(
            "ListAliases",
            "GET",
            FUNCTION + "/aliases",
            c ->
                new LambdaRequest.ListAliases(
                    name(c),
                    c.request().queryParam("FunctionVersion"),
                    c.request().queryParam("Marker"),
                    maxItems(c))),
        route(
            "GetAlias",
            "GET",
            FUNCTION + "/aliases/{Name}",
            c -> new LambdaRequest.GetAlias(name(c), c.pathParam("Name"))),
        route("UpdateAlias", "PUT", FUNCTION + "/aliases/{Name}", LambdaApi::updateAlias),
        route(
            "DeleteAlias",
            "DELETE",
            FUNCTION + "/aliases/{Name}",
            c -> new LambdaRequest.DeleteAlias(name(c), c.pathParam("Name"))),
        route(
            "PutFunctionConcurrency",
            "PUT",
            "/2017-10-31/functions/{FunctionName}/concurrency",
            c ->
                new LambdaRequest.PutFunctionConcurrency(
                    name(c), body(c, WireInput.Concurrency.class).reservedConcurrentExecutions())),
        route(
            "GetFunctionConcurrency",
            "GET",
            "/2019-09-30/functions/{FunctionName}/concurrency",
            c -> new LambdaRequest.GetFunctionConcurrency(name(c))),
        route(
            "DeleteFunctionConcurrency",
            "DELETE",
            "/2017-10-31/functions/{FunctionName}/concurrency",
            c -> new LambdaRequest.DeleteFunctionConcurrency(name(c))),
        route(
            "TagResource",
            "POST",
            "/2017-03-31/tags/{Resource}",
            c -> {
              WireInput.TagSet body = body(c, WireInput.TagSet.class);
              if (body.tags() == null) {
                Violations v = new Violations();
                v.required("tags", null);
                v.throwIfAny();
              }
              return new LambdaRequest.TagResource(c.pathParam("Resource"), body.tags());
            }),
        route(
            "UntagResource",
            "DELETE",
            "/2017-03-31/tags/{Resource}",
            c ->
                new LambdaRequest.UntagResource(
                    c.pathParam("Resource"), c.request().queryParams("tagKeys"))),
        route(
            "ListTags",
            "GET",
            "/2017-03-31/tags/{Resource}",
            c -> new LambdaRequest.ListTags(c.pathParam("Resource"))),
        route(
            "GetAccountSettings",
            "GET",
            "/2016-08-19/account-settings",
            c -> new LambdaRequest.GetAccountSettings()),
        Route.Rest.of("GetCode", "GET", "/_gust/code/{Key}", this::code));
  }

  private Route.Rest route(
      String operation, String method, String path, Function<Route.Call, LambdaRequest> parser) {
    return Route.Rest.of(
        operation, method, path, call -> execute(parser.apply(call), call.context().scope(), call));
  }

  HttpResponse execute(LambdaRequest request, Scope scope, Route.Call call) {
    return switch (request) {
      case LambdaRequest.CreateFunction r -> {
        FunctionVersion created = registry.create(scope, r.function());
        Scope target = target(scope, r.function().functionName());
        yield json(201, WireOutput.configuration(target, created, Optional.empty()));
      }
      case LambdaRequest.GetFunction r -> {
        Registry.Details details = registry.details(scope, r.ref());
        Scope target = registry.scopeOf(scope, r.ref());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
            "Configuration",
            WireOutput.configuration(target, details.resolved().version(), r.ref().qualifier()));
        out.put(
            "Code",
            Map.of(
                "RepositoryType",
                "S3",
                "Location",
                call.context().baseUrl()
                    + "/_gust/code/"
                    + details.resolved().version().code().blobKey()));
        if (!details.tags().isEmpty()) {
          out.put("Tags", details.tags());
        }
        details
            .reservedConcurrency()
            .ifPresent(n -> out.put("Concurrency", Map.of("ReservedConcurrentExecutions", n)));
        yield json(200, out);
      }
      case LambdaRequest.GetFunctionConfiguration r ->
          json(
              200,
              WireOutput.configuration(
                  registry.scopeOf(scope, r.ref()),
                  registry.resolve(scope, r.ref()).version(),
                  r.ref().qualifier()));
      case LambdaRequest.ListFunctions r -> {
        Page<FunctionVersion> page =
            registry.list(scope, r.allVersions(), r.marker(), r.maxItems());
        List<Map<String, Object>> items =
            page.items().stream()
                .map(
                    v ->
                        WireOutput.configuration(
                            scope, v, v.isLatest() ? Optional.empty() : Optional.of(v.version())))
                .toList();
        yield json(200, WireOutput.page("Functions", items, page.nextMarker()));
      }
      case LambdaRequest.UpdateFunctionCode r ->
          json(
              200,
              WireOutput.configuration(
                  target(scope, r.functionName()),
                  registry.updateCode(
                      scope,
                      r.functionName(),
                      r.zipFile(),
                      r.architectures(),
                      r.revisionId(),
                      r.publish(),
                      r.dryRun()),
                  Optional.empty()));
      case LambdaRequest.UpdateFunctionConfiguration r ->
          json(
              200,
              WireOutput.configuration(
                  target(scope, r.functionName()),
                  registry.updateConfiguration(
                      scope, r.functionName(), r.changes(), r.revisionId()),
                  Optional.empty()));
      case LambdaRequest.DeleteFunction r -> {
        registry.delete(scope, r.ref());
        yield HttpResponse.empty(204);
      }
      case LambdaRequest.PublishVersion r -> {
        FunctionVersion version =
            registry.publish(
                scope, r.functionName(), r.codeSha256(), r.description(), r.revisionId());
        yield json(
            201,
            WireOutput.configuration(
                target(scope, r.functionName()), version, Optional.of(version.version())));
      }
      case LambdaRequest.ListVersionsByFunction r -> {
        Page<FunctionVersion> page =
            registry.listVersions(scope, r.functionName(), r.marker(), r.maxItems());
        Scope target = target(scope, r.functionName());
        List<Map<String, Object>> items =
            page.items().stream()
                .map(v -> WireOutput.configuration(target, v, Optional.of(v.version())))
                .toList();
        yield json(200, WireOutput.page("Versions", items, page.nextMarker()));
      }
      case LambdaRequest.CreateAlias r ->
          json(
              201,
              WireOutput.alias(
                  target(scope, r.functionName()),
                  registry
                      .aliases()
                      .create(
                          scope,
                          r.functionName(),
                          r.name(),
                          r.functionVersion(),
                          r.description(),
                          r.weights())));
      case LambdaRequest.GetAlias r ->
          json(
              200,
              WireOutput.alias(
                  target(scope, r.functionName()),
                  registry.aliases().get(scope, r.functionName(), r.name())));
      case LambdaRequest.UpdateAlias r ->
          json(
              200,
              WireOutput.alias(
                  target(scope, r.functionName()),
                  registry
                      .aliases()
                      .update(
                          scope,
                          r.functionName(),
                          r.name(),
                          r.functionVersion(),
                          r.description(),
                          r.weights(),
                          r.revisionId())));
      case LambdaRequest.DeleteAlias r -> {
        registry.aliases().delete(scope, r.functionName(), r.name());
        yield HttpResponse.empty(204);
      }
      case LambdaRequest.ListAliases r -> {
        Page<Alias> page =
            registry
                .aliases()
                .list(scope, r.functionName(), r.functionVersion(), r.marker(), r.maxItems());
        Scope target = target(scope, r.functionName());
        yield json(
            200,
            WireOutput.page(
                "Aliases",
                page.items().stream().map(a -> WireOutput.alias(target, a)).toList(),
                page.nextMarker()));
      }
      case LambdaRequest.PutFunctionConcurrency r ->
          json(
              200,
              Map.of(
                  "ReservedConcurrentExecutions",
                  registry.putConcurrency(scope, r.functionName(), r.reserved())));
      case LambdaRequest.GetFunctionConcurrency r -> {
        Map<String, Object> out = new LinkedHashMap<>();
        registry
            .getConcurrency(scope, r.functionName())
            .ifPresent(n -> out.put("ReservedConcurrentExecutions", n));
        yield json(200, out);
      }
      case LambdaRequest.DeleteFunctionConcurrency r -> {
        registry.deleteConcurrency(scope, r.functionName());
        yield HttpResponse.empty(204);
      }
      case LambdaRequest.TagResource r -> {
        registry.tag(scope, r.resource(), r.tags());
        yield HttpResponse.empty(204);
      }
      case LambdaRequest.UntagResource r -> {
        registry.untag(scope, r.resource(), r.tagKeys());
        yield HttpResponse.empty(204);
      }
      case LambdaRequest.ListTags r ->
          json(200, Map.of("Tags", registry.listTags(scope, r.resource())));
      case LambdaRequest.GetAccountSettings r -> {
        AccountSettings s = registry.accountSettings(scope);
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("TotalCodeSize", s.totalCodeSizeLimit());
        limit.put("CodeSizeUnzipped", s.codeSizeUnzippedLimit());
        limit.put("CodeSizeZipped", s.codeSizeZippedLimit());
        limit.put("ConcurrentExecutions", s.concurrentExecutions());
        limit.put("UnreservedConcurrentExecutions", s.unreservedConcurrentExecutions());
        yield json(
            200,
            Map.of(
                "AccountLimit",
                limit,
                "AccountUsage",
                Map.of(
                    "TotalCodeSize", s.totalCodeSizeUsed(), "FunctionCount", s.functionCount())));
      }
    };
  }

  // ---- parsing ------------------------------------------------------------------------------

  private LambdaRequest createFunction(Route.Call call) {
    WireInput.FunctionSettings body = body(call, WireInput.FunctionSettings.class);
    Violations violations = new Violations();
    violations.required("functionName", body.functionName());
    violations.required("role", body.role());
    violations.required("code", body.code());
    violations.oneOf("packageType", body.packageType(), List.of("Zip", "Image"));
    violations.throwIfAny();
    rejectImagesAndS3(
        "Image".equals(body.packageType()), body.code().imageUri(), body.code().s3Bucket());
    return new LambdaRequest.CreateFunction(
        new Registry.NewFunction(
            body.functionName(),
            body.changes(),
            Optional.ofNullable(body.code().zipFile()),
            body.tags() == null ? Map.of() : body.tags(),
            Boolean.TRUE.equals(body.publish())));
  }

  private static LambdaRequest listFunctions(Route.Call call) {
    Optional<String> version = call.request().queryParam("FunctionVersion");
    Violations violations = new Violations();
    version.ifPresent(v -> violations.oneOf("functionVersion", v, List.of("ALL")));
    violations.throwIfAny();
    return new LambdaRequest.ListFunctions(
        version.isPresent(), call.request().queryParam("Marker"), maxItems(call));
  }

  private static LambdaRequest updateConfiguration(Route.Call call) {
    WireInput.FunctionSettings body = body(call, WireInput.FunctionSettings.class);
    return new LambdaRequest.UpdateFunctionConfiguration(
        name(call), body.changes(), Optional.ofNullable(body.revisionId()));
  }

  private static LambdaRequest updateCode(Route.Call call) {
    WireInput.UpdateCode body = body(call, WireInput.UpdateCode.class);
    rejectImagesAndS3(false, body.imageUri(), body.s3Bucket());
    return new LambdaRequest.UpdateFunctionCode(
        name(call),
        Optional.ofNullable(body.zipFile()),
        Optional.ofNullable(body.architectures()),
        Optional.ofNullable(body.revisionId()),
        Boolean.TRUE.equals(body.publish()),
        Boolean.TRUE.equals(body.dryRun()));
  }

  private static LambdaRequest publishVersion(Route.Call call) {
    WireInput.Publish body = body(call, WireInput.Publish.class);
    return new LambdaRequest.PublishVersion(
        name(call),
        Optional.ofNullable(body.codeSha256()),
        Optional.ofNullable(body.description()),
        Optional.ofNullable(body.revisionId()));
  }

  private static LambdaRequest createAlias(Route.Call call) {
    WireInput.AliasSettings body = body(call, WireInput.AliasSettings.class);
    Violations violations = new Violations();
    violations.required("name", body.name());
    violations.required("functionVersion", body.functionVersion());
    violations.throwIfAny();
    return new LambdaRequest.CreateAlias(
        name(call),
        body.name(),
        body.functionVersion(),
        Optional.ofNullable(body.description()),
        weights(body.routingConfig()).orElse(Map.of()));
  }

  private static LambdaRequest updateAlias(Route.Call call) {
    WireInput.AliasSettings body = body(call, WireInput.AliasSettings.class);
    return new LambdaRequest.UpdateAlias(
        name(call),
        call.pathParam("Name"),
        Optional.ofNullable(body.functionVersion()),
        Optional.ofNullable(body.description()),
        weights(body.routingConfig()),
        Optional.ofNullable(body.revisionId()));
  }

  private static Optional<Map<String, Double>> weights(WireInput.RoutingConfig routing) {
    if (routing == null) {
      return Optional.empty();
    }
    return Optional.of(
        routing.additionalVersionWeights() == null ? Map.of() : routing.additionalVersionWeights());
  }

  private static void rejectImagesAndS3(boolean imagePackage, String imageUri, String s3Bucket) {
    if (imagePackage || imageUri != null) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Gust does not run container image functions yet (PackageType Image, Code.ImageUri);"
              + " deploy a .zip package with Code.ZipFile.");
    }
    if (s3Bucket != null) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Gust cannot read code from S3 (Code.S3Bucket); upload the .zip package with"
              + " Code.ZipFile.");
    }
  }

  private HttpResponse code(Route.Call call) {
    return registry
        .code(call.pathParam("Key"))
        .map(zip -> HttpResponse.of(200, "application/zip", zip))
        .orElseThrow(
            () -> LambdaErrors.NOT_FOUND.exception("No code with key %s", call.pathParam("Key")));
  }

  private static FunctionRef qualified(Route.Call call) {
    return FunctionRef.parse(
        call.pathParam("FunctionName"), call.request().queryParam("Qualifier"), 256);
  }

  private static String name(Route.Call call) {
    return call.pathParam("FunctionName");
  }

  private Scope target(Scope scope, String functionName) {
    return registry.scopeOf(scope, FunctionRef.parse(functionName, Optional.empty(), 256));
  }

  private static Optional<Integer> maxItems(Route.Call call) {
    return call.request()
        .queryParam("MaxItems")
        .map(
            text -> {
              try {
                return Integer.parseInt(text);
              } catch (NumberFormatException e) {
                throw LambdaErrors.INVALID_PARAMETER.exception(
                    "MaxItems must be a number: %s", text);
              }
            });
  }

  static <T> T body(Route.Call call, Class<T> type) {
    return JSON.read(
        call.request().body(),
        type,
        LambdaErrors.INVALID_REQUEST_CONTENT,
        "Could not parse request body into json: ");
  }

  static HttpResponse json(int status, Object body) {
    return HttpResponse.json(status, JSON.write(body));
  }
}
