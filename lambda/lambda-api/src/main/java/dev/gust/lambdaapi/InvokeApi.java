package dev.gust.lambdaapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gust.core.AwsException;
import dev.gust.core.Scope;
import dev.gust.core.Violations;
import dev.gust.invoke.EventInvocations;
import dev.gust.invoke.InvokePath;
import dev.gust.invoke.InvokeResult;
import dev.gust.invoke.Lineage;
import dev.gust.invoke.Resolution;
import dev.gust.invoke.ThrottleReason;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.Registry;
import dev.gust.wire.CommonErrors;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.Json;
import dev.gust.wire.Route;
import dev.gust.worker.InvokeOutcome;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /2015-03-31/functions/{FunctionName}/invocations}: synchronous invocation ({@code
 * RequestResponse}), asynchronous invocation ({@code Event}: 202 once the event is durably stored)
 * and {@code DryRun}. The invoke path answers with sealed values; this is where a refusal becomes
 * Lambda's error ({@link #error}).
 */
public final class InvokeApi {

  /** Lambda's synchronous request payload limit. */
  static final long MAX_PAYLOAD = 6_291_456L;

  static final int MAX_CLIENT_CONTEXT = 3_583;

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
      throw Violations.VALIDATION.exception(
          "1 validation error detected: Value '%s' at 'invocationType' failed to satisfy"
              + " constraint: Member must satisfy enum value set: [Event, RequestResponse,"
              + " DryRun]",
          type);
    }
    String logType = call.request().headers().first("X-Amz-Log-Type").orElse("None");
    if (!List.of("None", "Tail").contains(logType)) {
      throw Violations.VALIDATION.exception(
          "1 validation error detected: Value '%s' at 'logType' failed to satisfy constraint:"
              + " Member must satisfy enum value set: [Tail, None]",
          logType);
    }
    if (type.equals("Event") && call.request().body().length > EventInvocations.MAX_EVENT_PAYLOAD) {
      throw CommonErrors.REQUEST_TOO_LARGE.exception(
          "Request must be smaller than %d bytes for the InvokeFunction operation",
          EventInvocations.MAX_EVENT_PAYLOAD);
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
      target(path.resolve(scope, ref));
      return HttpResponse.empty(204);
    }
    String requestId = call.context().requestId();
    if (type.equals("Event")) {
      int lineage = Lineage.of(call.request().headers().first("X-Amzn-Trace-Id")).orElse(-1) + 1;
      events.accept(target(path.resolve(scope, ref)), payload, requestId, lineage);
      return HttpResponse.empty(202);
    }
    return switch (path.invoke(
        new InvokePath.Request(scope, ref, payload, clientContext, requestId))) {
      case InvokeResult.Ran ran -> reply(ran, requestId, logType.equals("Tail"));
      case InvokeResult.Refusal refusal -> throw error(refusal);
    };
  }

  /** What a resolution invokes, or Lambda's error for a function that cannot be invoked. */
  private static InvokePath.Target target(Resolution resolution) {
    return switch (resolution) {
      case InvokePath.Target target -> target;
      case InvokeResult.Refusal refusal -> throw error(refusal);
    };
  }

  /**
   * Lambda's error for a refusal of the invoke path: 429 {@code TooManyRequestsException} with its
   * {@code Reason} for a throttle or spent capacity, 409 for a function still being created, 404
   * for one that does not exist.
   */
  static AwsException error(InvokeResult.Refusal refusal) {
    return switch (refusal) {
      case InvokeResult.Throttled throttled ->
          LambdaErrors.TOO_MANY_REQUESTS
              .exception("Rate Exceeded.")
              .with("Reason", reason(throttled.reason()));
      case InvokeResult.NoCapacity noCapacity ->
          LambdaErrors.TOO_MANY_REQUESTS
              .exception(noCapacity.message())
              .with(
                  "Reason",
                  switch (noCapacity.reason()) {
                    case SCALING_RATE -> "FunctionInvocationRateLimitExceeded";
                    case MEMORY -> "ConcurrentInvocationLimitExceeded";
                  });
      case InvokeResult.Pending pending ->
          LambdaErrors.CONFLICT.exception(
              "The operation cannot be performed at this time. The function is currently in the"
                  + " following state: Pending");
      case InvokeResult.NotFound notFound ->
          LambdaErrors.NOT_FOUND.exception("Function not found: %s", notFound.arn());
    };
  }

  private static String reason(ThrottleReason reason) {
    return switch (reason) {
      case RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED ->
          "ReservedFunctionConcurrentInvocationLimitExceeded";
      case CONCURRENT_INVOCATION_LIMIT_EXCEEDED -> "ConcurrentInvocationLimitExceeded";
    };
  }

  /**
   * The reply to an invocation that ran: 200 with the function's payload, marked {@code
   * X-Amz-Function-Error: Unhandled} when it failed, with the version that ran and, for {@code
   * LogType: Tail}, the end of its log.
   */
  private HttpResponse reply(InvokeResult.Ran ran, String requestId, boolean tail) {
    HttpResponse response = HttpResponse.json(200, ran.payload(requestId, clock.instant()));
    response =
        switch (ran.outcome()) {
          case InvokeOutcome.Ok ok -> response;
          case InvokeOutcome.FunctionError error -> unhandled(response);
          case InvokeOutcome.InitFailed init -> unhandled(response);
          case InvokeOutcome.TimedOut timedOut -> unhandled(response);
          case InvokeOutcome.SandboxFailed failed -> unhandled(response);
        };
    response = response.withHeader("X-Amz-Executed-Version", ran.target().version().version());
    if (tail) {
      String log = ran.dispatched().invoked().log();
      response =
          response.withHeader(
              "X-Amz-Log-Result",
              Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8)));
    }
    return response;
  }

  private static HttpResponse unhandled(HttpResponse response) {
    return response.withHeader("X-Amz-Function-Error", "Unhandled");
  }

  private static void checkJson(byte[] payload) {
    try {
      Json.checkSyntax(payload);
    } catch (JsonProcessingException e) {
      throw LambdaErrors.INVALID_REQUEST_CONTENT.exception(
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
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Client context must be at most %d bytes once base64-encoded.", MAX_CLIENT_CONTEXT);
    }
    try {
      String json = new String(Base64.getDecoder().decode(header.get()), StandardCharsets.UTF_8);
      Json.camelCase().mapper().readTree(json);
      return Optional.of(json);
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw LambdaErrors.INVALID_REQUEST_CONTENT.exception(
          "Client context must be a valid Base64-encoded JSON object.");
    }
  }
}
