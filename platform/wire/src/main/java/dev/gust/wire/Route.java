package dev.gust.wire;

import java.util.Map;

/**
 * One operation a service serves on the shared port. A service contributes its routes to the {@link
 * Router}; the router needs no change to serve a new service.
 */
public sealed interface Route permits Route.Rest, Route.Target, Route.Query {

  /** The operation's AWS name, such as {@code CreateFunction}; used in errors and metrics. */
  String operation();

  /** The largest request body this operation accepts. */
  long maxBodyBytes();

  /** A REST-JSON operation, routed by method and path. */
  record Rest(
      String operation, String method, PathTemplate path, long maxBodyBytes, Handler handler)
      implements Route {

    public static Rest of(String operation, String method, String path, Handler handler) {
      return new Rest(
          operation, method, PathTemplate.parse(path), Router.DEFAULT_MAX_BODY, handler);
    }

    public Rest withMaxBody(long bytes) {
      return new Rest(operation, method, path, bytes, handler);
    }
  }

  /**
   * A JSON 1.0/1.1 service, routed by the prefix of {@code X-Amz-Target} (for example {@code
   * AmazonSQS}); the handler receives the operation after the dot.
   */
  record Target(String operation, String targetPrefix, long maxBodyBytes, TargetHandler handler)
      implements Route {}

  /**
   * A query-protocol operation (SNS, SQS), routed by its service (the SigV4 signing name) and its
   * {@code Action} parameter: a form-encoded {@code POST /}, or a {@code GET /} with the parameters
   * in the URL, or either on a path no REST route claims (a resource's own URL). Replies and errors
   * are XML in the service's namespace, such as {@code http://sns.amazonaws.com/doc/2010-03-31/}.
   */
  record Query(
      String service,
      String operation,
      String xmlNamespace,
      long maxBodyBytes,
      QueryHandler handler)
      implements Route {

    public static Query of(
        String service, String action, String xmlNamespace, QueryHandler handler) {
      return new Query(service, action, xmlNamespace, Router.DEFAULT_MAX_BODY, handler);
    }
  }

  /** Serves a REST call. */
  @FunctionalInterface
  interface Handler {
    HttpResponse handle(Call call);
  }

  /** Serves a JSON-protocol call for the named operation. */
  @FunctionalInterface
  interface TargetHandler {
    HttpResponse handle(String operation, Call call);
  }

  /** Serves a query-protocol call with its merged URL and form parameters. */
  @FunctionalInterface
  interface QueryHandler {
    HttpResponse handle(QueryParams params, Call call);
  }

  /** A request bound to its route: the decoded path parameters and the caller's context. */
  record Call(HttpRequest request, RequestContext context, Map<String, String> pathParams) {

    public String pathParam(String name) {
      String value = pathParams.get(name);
      if (value == null) {
        throw new IllegalStateException("route has no path parameter " + name);
      }
      return value;
    }
  }
}
