package dev.gust.wire;

import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;
import dev.gust.core.RequestIds;
import dev.gust.core.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Dispatches every request on Gust's one port to the service that owns it.
 *
 * <p>Requests with {@code X-Amz-Target} go to the JSON-protocol service whose prefix matches;
 * form-encoded {@code POST /} requests (and {@code GET /} with an {@code Action} in the URL) go to
 * the query-protocol operation named by {@code Action}, and so do such requests on another path
 * when they carry an {@code Action} and no REST route claims the path (older query clients post to
 * a resource's own URL, such as an SQS queue's); all others are matched by method and path against
 * the REST routes, in registration order, except that routes whose templates require literal query
 * parameters are tried first. Every reply carries {@code x-amzn-RequestId}. An {@link AwsException}
 * becomes the error shape of the route's protocol; any other exception is a bug, logged with the
 * request id and answered with a {@code ServiceException} so that the server keeps serving.
 */
public final class Router {

  /** Body limit of routes that do not set their own: 6 MB, Lambda's synchronous payload limit. */
  public static final long DEFAULT_MAX_BODY = 6 * 1024 * 1024;

  /** The query protocol's unknown-action and internal errors. */
  private static final ErrorType INVALID_ACTION = ErrorType.user("InvalidAction", 400);

  private static final ErrorType INTERNAL_FAILURE = ErrorType.service("InternalFailure", 500);

  private static final Logger LOG = Logger.getLogger(Router.class.getName());

  private final List<Route.Rest> restRoutes = new ArrayList<>();
  private final List<Route.Target> targetRoutes = new ArrayList<>();

  /** Query routes by action, then by service: two services may share an action name. */
  private final Map<String, Map<String, Route.Query>> queryRoutes = new HashMap<>();

  /** The XML namespace of each query service, in registration order. */
  private final Map<String, String> queryNamespaces = new LinkedHashMap<>();

  public Router(List<? extends Route> routes) {
    for (Route route : routes) {
      switch (route) {
        case Route.Rest rest -> restRoutes.add(rest);
        case Route.Target target -> targetRoutes.add(target);
        case Route.Query query -> {
          queryNamespaces.putIfAbsent(query.service(), query.xmlNamespace());
          queryRoutes
              .computeIfAbsent(query.operation(), action -> new LinkedHashMap<>())
              .put(query.service(), query);
        }
      }
    }
    // A template with literal query parameters is tried before the same path without them.
    restRoutes.sort(Comparator.comparing(route -> !route.path().hasQueryLiterals()));
  }

  /** The largest body any route accepts; the server adapter refuses bigger requests unread. */
  public long maxBodyBytes() {
    long max = DEFAULT_MAX_BODY;
    for (Route.Rest route : restRoutes) {
      max = Math.max(max, route.maxBodyBytes());
    }
    for (Route.Target route : targetRoutes) {
      max = Math.max(max, route.maxBodyBytes());
    }
    for (Map<String, Route.Query> byService : queryRoutes.values()) {
      for (Route.Query route : byService.values()) {
        max = Math.max(max, route.maxBodyBytes());
      }
    }
    return max;
  }

  public HttpResponse handle(HttpRequest request, String baseUrl) {
    RequestContext context = context(request, baseUrl);
    Optional<QueryParams> query = queryParams(request);
    if (query.isPresent()) {
      return dispatchQuery(query.get(), request, context)
          .withHeader("x-amzn-RequestId", context.requestId());
    }
    Protocol protocol = Protocol.REST_JSON;
    HttpResponse response;
    try {
      Optional<String> target = request.headers().first("X-Amz-Target");
      if (target.isPresent() && request.method().equals("POST")) {
        protocol = Protocol.JSON;
        response = dispatchTarget(target.get(), request, context);
      } else {
        response = dispatchRest(request, context);
      }
    } catch (AwsException e) {
      response = protocol.error(e);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "request " + context.requestId() + " failed", e);
      response =
          protocol.error(
              CommonErrors.SERVICE.exception("Internal error; request id " + context.requestId()));
    }
    return response.withHeader("x-amzn-RequestId", context.requestId());
  }

  /**
   * The error reply for a request the adapter refused before routing, such as an oversized body.
   */
  public HttpResponse refuse(HttpRequest request, AwsException error) {
    if (mayBeQuery(request)) {
      String requestId = RequestIds.next();
      return QueryXml.error(error, namespace(SigV4.credentialScope(request)), requestId)
          .withHeader("x-amzn-RequestId", requestId);
    }
    Protocol protocol =
        request.headers().first("X-Amz-Target").isPresent() ? Protocol.JSON : Protocol.REST_JSON;
    return protocol.error(error).withHeader("x-amzn-RequestId", RequestIds.next());
  }

  private HttpResponse dispatchTarget(String target, HttpRequest request, RequestContext context) {
    int dot = target.lastIndexOf('.');
    String prefix = dot < 0 ? target : target.substring(0, dot);
    String operation = dot < 0 ? "" : target.substring(dot + 1);
    for (Route.Target route : targetRoutes) {
      if (route.targetPrefix().equals(prefix)) {
        checkBody(route, request);
        return route.handler().handle(operation, new Route.Call(request, context, Map.of()));
      }
    }
    throw CommonErrors.UNKNOWN_OPERATION.exception("Unknown operation " + target);
  }

  /**
   * The parameters of a query-protocol request: no target header, form or URL parameters, and path
   * {@code /}, or another path that no REST route claims when the parameters name an {@code
   * Action}.
   */
  private Optional<QueryParams> queryParams(HttpRequest request) {
    if (!mayBeQuery(request)) {
      return Optional.empty();
    }
    QueryParams params = QueryParams.parse(request);
    if (!request.rawPath().equals("/") && params.get("Action").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(params);
  }

  /** A request shaped as the query protocol's, before its parameters are read. */
  private boolean mayBeQuery(HttpRequest request) {
    if (request.headers().first("X-Amz-Target").isPresent()) {
      return false;
    }
    boolean parameters =
        switch (request.method()) {
          case "POST" -> QueryParams.isForm(request);
          case "GET" -> request.queryParam("Action").isPresent();
          default -> false;
        };
    return parameters && (request.rawPath().equals("/") || !claimedByRest(request));
  }

  private boolean claimedByRest(HttpRequest request) {
    for (Route.Rest route : restRoutes) {
      if (route.method().equals(request.method())
          && route.path().match(request.rawPath()).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private HttpResponse dispatchQuery(
      QueryParams params, HttpRequest request, RequestContext context) {
    String action = params.get("Action").orElse("");
    Optional<SigV4.CredentialScope> credentials = SigV4.credentialScope(request);
    Route.Query route = queryRoute(action, credentials);
    String namespace = route == null ? namespace(credentials) : route.xmlNamespace();
    try {
      if (route == null) {
        throw INVALID_ACTION.exception(
            "The action %s is not valid for this web service.", action.isEmpty() ? "''" : action);
      }
      checkBody(route, request);
      return route.handler().handle(params, new Route.Call(request, context, Map.of()));
    } catch (AwsException e) {
      return QueryXml.error(e, namespace, context.requestId());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "request " + context.requestId() + " failed", e);
      return QueryXml.error(
          INTERNAL_FAILURE.exception("Internal error; request id " + context.requestId()),
          namespace,
          context.requestId());
    }
  }

  /**
   * The route of {@code action} for the service the request was signed for; a request not signed
   * for a query service goes to the first service registered with that action.
   */
  private Route.Query queryRoute(String action, Optional<SigV4.CredentialScope> credentials) {
    Map<String, Route.Query> byService = queryRoutes.getOrDefault(action, Map.of());
    Optional<String> service =
        credentials.map(SigV4.CredentialScope::service).filter(queryNamespaces::containsKey);
    if (service.isPresent()) {
      return byService.get(service.get());
    }
    return byService.isEmpty() ? null : byService.values().iterator().next();
  }

  /**
   * The namespace of errors that no operation claims: the signed-for service's, else the first
   * query service's, if any.
   */
  private String namespace(Optional<SigV4.CredentialScope> credentials) {
    return credentials
        .map(SigV4.CredentialScope::service)
        .map(queryNamespaces::get)
        .or(() -> queryNamespaces.values().stream().findFirst())
        .orElse("");
  }

  private HttpResponse dispatchRest(HttpRequest request, RequestContext context) {
    for (Route.Rest route : restRoutes) {
      if (!route.method().equals(request.method())) {
        continue;
      }
      Optional<Map<String, String>> params = route.path().match(request.rawPath());
      if (params.isPresent() && route.path().matchesQuery(request.query())) {
        checkBody(route, request);
        return route.handler().handle(new Route.Call(request, context, params.get()));
      }
    }
    throw CommonErrors.UNKNOWN_OPERATION.exception(
        "Unknown operation " + request.method() + " " + request.rawPath());
  }

  private static void checkBody(Route route, HttpRequest request) {
    if (request.body().length > route.maxBodyBytes()) {
      throw CommonErrors.REQUEST_TOO_LARGE.exception(
          "Request must be smaller than %d bytes for the %s operation",
          route.maxBodyBytes(), route.operation());
    }
  }

  private static RequestContext context(HttpRequest request, String baseUrl) {
    Optional<SigV4.CredentialScope> credentials = SigV4.credentialScope(request);
    String region =
        credentials
            .map(SigV4.CredentialScope::region)
            .filter(Scope::isRegionName)
            .orElse(Scope.DEFAULT_REGION);
    return new RequestContext(
        RequestIds.next(),
        new Scope(Scope.DEFAULT_ACCOUNT, region),
        credentials.map(SigV4.CredentialScope::accessKeyId),
        baseUrl);
  }
}
