package dev.gust.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gust.core.ErrorType;
import dev.gust.core.Scope;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.Registry;
import dev.gust.wire.CommonErrors;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.Json;
import dev.gust.wire.Route;
import dev.gust.worker.InvokeOutcome;
import dev.gust.worker.Invoked;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /2015-03-31/functions/{FunctionName}/invocations}: synchronous invocation ({@code
 * RequestResponse}), asynchronous invocation ({@code Event}: 202 once the event is durably stored)
 * and {@code DryRun}.
 */
public final class InvokeApi {

  /** Lambda's synchronous request payload limit. */
  static final long MAX_PAYLOAD = 6_291_456L;

  /** Lambda's asynchronous request payload limit (1 MB). */
  public static final long MAX_EVENT_PAYLOAD = 1_048_576L;

  static final int MAX_CLIENT_CONTEXT = 3_583;

  private static final ErrorType INVALID_PARAMETER =
      ErrorType.user("InvalidParameterValueException", 400);
  private static final ErrorType INVALID_CONTENT =
      ErrorType.user("InvalidRequestContentException", 400);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Registry registry;
  private final InvokePath path;
  private final InstantSource clock;
  private final EventInvocations events;

  public InvokeApi(
      Registry registry, InvokePath path, InstantSource clock, EventInvocations events) {
    this.registry = registry;
    this.path = path;
    this.clock = clock;
    this.events = events;
  }

  public List<Route> routes() {
    return List.of(
        Route.Rest.of(
                "InvokeFunction",
                "POST",
                "/2015-03-31/functions/{FunctionName}/invocations",
                this::invoke)
            .withMaxBody(MAX_PAYLOAD));
  }

  private HttpResponse invoke(Route.Call call) {
    String type = call.request().headers().first("X-Amz-Invocation-Type").orElse("RequestResponse");
    if (!List.of("RequestResponse", "Event", "DryRun").contains(type)) {
      throw ErrorType.user("ValidationException", 400)
          .exception(
              "1 validation error detected: Value '%s' at 'invocationType' failed to satisfy"
                  + " constraint: Member must satisfy enum value set: [Event, RequestResponse,"
                  + " DryRun]",
              type);
    }
    String logType = call.request().headers().first("X-Amz-Log-Type").orElse("None");
    if (!List.of("None", "Tail").contains(logType)) {
      throw ErrorType.user("ValidationException", 400)
          .exception(
              "1 validation error detected: Value '%s' at 'logType' failed to satisfy constraint:"
                  + " Member must satisfy enum value set: [Tail, None]",
              logType);
    }
    if (type.equals("Event") && call.request().body().length > MAX_EVENT_PAYLOAD) {
      throw CommonErrors.REQUEST_TOO_LARGE.exception(
          "Request must be smaller than %d bytes for the InvokeFunction operation",
          MAX_EVENT_PAYLOAD);
    }
    Scope scope = call.context().scope();
    FunctionRef ref =
        registry.parseReference(
            call.pathParam("FunctionName"), call.request().queryParam("Qualifier"));
    byte[] payload =
        call.request().body().length == 0
            ? "{}".getBytes(StandardCharsets.UTF_8)
            : call.request().body();
    checkJson(payload);
    Optional<String> clientContext = clientContext(call);
    if (type.equals("DryRun")) {
      path.resolve(scope, ref);
      return HttpResponse.empty(204);
    }
    String requestId = call.context().requestId();
    if (type.equals("Event")) {
      int lineage = Lineage.of(call.request().headers().first("X-Amzn-Trace-Id")).orElse(-1) + 1;
      events.accept(path.resolve(scope, ref), payload, requestId, lineage);
      return HttpResponse.empty(202);
    }
    InvokePath.Result result =
        path.invoke(new InvokePath.Request(scope, ref, payload, clientContext, requestId));
    Invoked invoked = result.dispatched().invoked();
    HttpResponse response =
        reply(invoked.outcome(), requestId)
            .withHeader("X-Amz-Executed-Version", result.target().version().version());
    if (logType.equals("Tail")) {
      response =
          response.withHeader(
              "X-Amz-Log-Result",
              Base64.getEncoder().encodeToString(invoked.log().getBytes(StandardCharsets.UTF_8)));
    }
    return response;
  }

  private HttpResponse reply(InvokeOutcome outcome, String requestId) {
    byte[] body = responsePayload(outcome, requestId, clock.instant());
    return outcome instanceof InvokeOutcome.Ok
        ? HttpResponse.json(200, body)
        : HttpResponse.json(200, body).withHeader("X-Amz-Function-Error", "Unhandled");
  }

  /**
   * The payload an invocation answers with: the function's result, or for a failed invocation the
   * error document Lambda returns ({@code errorType}, {@code errorMessage}...).
   */
  public static byte[] responsePayload(InvokeOutcome outcome, String requestId, Instant now) {
    return switch (outcome) {
      case InvokeOutcome.Ok ok -> ok.payload();
      case InvokeOutcome.FunctionError error -> error.body();
      case InvokeOutcome.InitFailed init -> init.body();
      case InvokeOutcome.TimedOut timedOut ->
          errorJson(
              Optional.empty(),
              String.format(
                  "%s %s Task timed out after %d.00 seconds",
                  TIMESTAMP.format(now), requestId, timedOut.timeoutSeconds()));
      case InvokeOutcome.SandboxFailed failed ->
          errorJson(
              Optional.of(failed.errorType()),
              "RequestId: " + requestId + " Error: " + failed.message());
    };
  }

  private static byte[] errorJson(Optional<String> type, String message) {
    Map<String, String> body = new java.util.LinkedHashMap<>();
    type.ifPresent(t -> body.put("errorType", t));
    body.put("errorMessage", message);
    return Json.camelCase().write(body);
  }

  private static void checkJson(byte[] payload) {
    try {
      Json.checkSyntax(payload);
    } catch (JsonProcessingException e) {
      throw INVALID_CONTENT.exception(
          "Could not parse request body into json: Could not parse payload into json: %s",
          e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static Optional<String> clientContext(Route.Call call) {
    Optional<String> header = call.request().headers().first("X-Amz-Client-Context");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    if (header.get().length() > MAX_CLIENT_CONTEXT) {
      throw INVALID_PARAMETER.exception(
          "Client context must be at most %d bytes once base64-encoded.", MAX_CLIENT_CONTEXT);
    }
    try {
      String json = new String(Base64.getDecoder().decode(header.get()), StandardCharsets.UTF_8);
      Json.camelCase().mapper().readTree(json);
      return Optional.of(json);
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw INVALID_CONTENT.exception("Client context must be a valid Base64-encoded JSON object.");
    }
  }
}
