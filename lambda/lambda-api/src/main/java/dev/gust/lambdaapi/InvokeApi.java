package dev.gust.lambdaapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gust.core.AwsException;
import dev.gust.core.Scope;
import dev.gust.invoke.EventInvocations;
import dev.gust.invoke.InvokePath;
import dev.gust.invoke.InvokeResult;
import dev.gust.invoke.Lineage;
import dev.gust.invoke.Resolution;
import dev.gust.invoke.ThrottleReason;
import dev.gust.lambdaapi.LambdaInvokeModel.InvocationType;
import dev.gust.lambdaapi.LambdaInvokeModel.Invocations;
import dev.gust.lambdaapi.LambdaInvokeModel.InvokeAsyncReply;
import dev.gust.lambdaapi.LambdaInvokeModel.InvokeReply;
import dev.gust.lambdaapi.LambdaInvokeModel.LogType;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.Registry;
import dev.gust.wire.CommonErrors;
import dev.gust.wire.Json;
import dev.gust.wire.RequestContext;
import dev.gust.wire.Route;
import dev.gust.worker.InvokeOutcome;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Invocation: {@code Invoke} synchronously ({@code RequestResponse}), asynchronously ({@code
 * Event}: 202 once the event is durably stored) or as a {@code DryRun}, and the deprecated {@code
 * InvokeAsync}, an {@code Event} invoke by another path. The model ({@link
 * LambdaInvokeModel.Invocations}) reads and checks the request and writes the reply; the invoke
 * path answers with sealed values, and this is where a refusal becomes Lambda's error ({@link
 * #error}).
 *
 * <p>The payload travels from the request body to the invoke path as the same array: it is checked
 * to be JSON by reading it through, never parsed into a tree or copied.
 */
public final class InvokeApi {

  static final int MAX_CLIENT_CONTEXT = 3_583;

  private static final Optional<String> UNHANDLED = Optional.of("Unhandled");

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
    return LambdaInvokeModel.MODEL.routes(Invocations.class, this::serve).stream()
        .map(InvokeApi::named)
        .toList();
  }

  /**
   * Lambda names {@code Invoke} {@code InvokeFunction} in its own messages, such as the 413 of a
   * payload over 6 MB ("... for the InvokeFunction operation"): its route goes by that name.
   */
  private static Route named(Route route) {
    return route instanceof Route.Rest rest && rest.operation().equals("Invoke")
        ? new Route.Rest(
            "InvokeFunction", rest.method(), rest.path(), rest.maxBodyBytes(), rest.handler())
        : route;
  }

  private Object serve(Invocations command, RequestContext context) {
    return switch (command) {
      case Invocations.Invoke invoke -> invoke(invoke, context);
      case Invocations.InvokeAsync invoke -> invokeAsync(invoke, context);
      case Invocations.Unsupported unsupported ->
          throw CommonErrors.UNKNOWN_OPERATION.exception(
              "Gust does not serve %s yet", unsupported.operation());
    };
  }

  private InvokeReply invoke(Invocations.Invoke request, RequestContext context) {
    InvocationType type = request.invocationType().orElse(InvocationType.REQUEST_RESPONSE);
    if (type == InvocationType.EVENT
        && request.payload().length > EventInvocations.MAX_EVENT_PAYLOAD) {
      throw CommonErrors.REQUEST_TOO_LARGE.exception(
          "Request must be smaller than %d bytes for the InvokeFunction operation",
          EventInvocations.MAX_EVENT_PAYLOAD);
    }
    Scope scope = context.scope();
    FunctionRef ref = registry.parseReference(request.functionName(), request.qualifier());
    byte[] payload = event(request.payload());
    Optional<String> clientContext = clientContext(request.clientContext());
    String requestId = context.requestId();
    return switch (type) {
      case DRY_RUN -> {
        target(path.resolve(scope, ref));
        yield InvokeReply.of(204);
      }
      case EVENT -> {
        events.accept(
            target(path.resolve(scope, ref)), payload, requestId, lineage(request.traceId()));
        yield InvokeReply.of(202);
      }
      case REQUEST_RESPONSE ->
          switch (path.invoke(
              new InvokePath.Request(scope, ref, payload, clientContext, requestId))) {
            case InvokeResult.Ran ran ->
                reply(ran, requestId, request.logType().orElse(LogType.NONE) == LogType.TAIL);
            case InvokeResult.Refusal refusal -> throw error(refusal);
          };
    };
  }

  /** {@code InvokeAsync}: an {@code Event} invoke of the function, answered with its status. */
  private InvokeAsyncReply invokeAsync(Invocations.InvokeAsync request, RequestContext context) {
    FunctionRef ref = registry.parseReference(request.functionName(), Optional.empty());
    byte[] payload = event(request.invokeArgs());
    events.accept(
        target(path.resolve(context.scope(), ref)),
        payload,
        context.requestId(),
        lineage(request.traceId()));
    return new InvokeAsyncReply(202);
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
  private InvokeReply reply(InvokeResult.Ran ran, String requestId, boolean tail) {
    Optional<String> functionError =
        switch (ran.outcome()) {
          case InvokeOutcome.Ok ok -> Optional.empty();
          case InvokeOutcome.FunctionError error -> UNHANDLED;
          case InvokeOutcome.InitFailed init -> UNHANDLED;
          case InvokeOutcome.TimedOut timedOut -> UNHANDLED;
          case InvokeOutcome.SandboxFailed failed -> UNHANDLED;
        };
    Optional<String> log =
        tail
            ? Optional.of(
                Base64.getEncoder()
                    .encodeToString(
                        ran.dispatched().invoked().log().getBytes(StandardCharsets.UTF_8)))
            : Optional.empty();
    return new InvokeReply(
        200,
        functionError,
        log,
        Optional.of(ran.target().version().version()),
        Optional.of(ran.payload(requestId, clock.instant())));
  }

  /** The event an invocation hands on: the body, {@code {}} when empty, if it is JSON. */
  private static byte[] event(byte[] body) {
    byte[] payload = body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body;
    try {
      Json.checkSyntax(payload);
    } catch (JsonProcessingException e) {
      throw LambdaErrors.INVALID_REQUEST_CONTENT.exception(
          "Could not parse request body into json: Could not parse payload into json: %s",
          e.getMessage().lines().findFirst().orElse(""));
    }
    return payload;
  }

  /** How many asynchronous hops led to an event: one more than its trace header counts. */
  private static int lineage(Optional<String> traceHeader) {
    return Lineage.of(traceHeader).orElse(-1) + 1;
  }

  private static Optional<String> clientContext(Optional<String> header) {
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
