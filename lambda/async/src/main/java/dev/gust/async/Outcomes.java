package dev.gust.async;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.AwsException;
import dev.gust.delivery.Delivery;
import dev.gust.invoke.InvokeResult;
import dev.gust.metrics.Metrics;
import dev.gust.worker.InvokeOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where an event's processing ends up: the invocation record sent to the {@code OnSuccess} or
 * {@code OnFailure} destination, and the original event sent to the function's dead-letter queue,
 * as Lambda sends them.
 *
 * <p>A destination gets AWS's record: {@code version} "1.0", {@code timestamp}, {@code
 * requestContext} ({@code requestId}, {@code functionArn} with the qualifier invoked or {@code
 * $LATEST}, {@code condition} {@code Success}, {@code RetriesExhausted} or {@code
 * EventAgeExceeded}, {@code approximateInvokeCount}), {@code requestPayload}, and when the function
 * answered {@code responseContext} ({@code statusCode}, {@code executedVersion}, {@code
 * functionError}) and {@code responsePayload}. An event bus gets it as the {@code detail} of an
 * event with source {@code lambda} and detail-type {@code Lambda Function Invocation Result -
 * Success} or {@code - Failure}. The dead-letter queue gets the event itself with the attributes
 * {@code RequestID}, {@code ErrorCode} and {@code ErrorMessage}.
 *
 * <p>It also decides, case by case of the invoke path's sealed results, what an attempt leads to: a
 * function that ran succeeded or failed ({@link Response#of}), and a refusal passes with time or
 * drops the event ({@link #refused}).
 */
final class Outcomes {

  private static final Logger LOG = Logger.getLogger(Outcomes.class.getName());
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_ERROR_MESSAGE = 1_024;
  private static final String UNHANDLED = "Unhandled";

  /** Why an event's processing ended. */
  enum Condition {
    SUCCESS("Success"),
    RETRIES_EXHAUSTED("RetriesExhausted"),
    EVENT_AGE_EXCEEDED("EventAgeExceeded");

    final String wireName;

    Condition(String wireName) {
      this.wireName = wireName;
    }
  }

  /**
   * What the function answered on the last attempt.
   *
   * @param functionError {@code Unhandled} when the invocation failed
   */
  record Response(
      int statusCode, String executedVersion, Optional<String> functionError, byte[] payload) {

    /** What a function that ran answered: its result, or its error as Lambda reports it. */
    static Response of(InvokeResult.Ran ran, String requestId, Instant now) {
      return new Response(
          200,
          ran.target().version().version(),
          functionError(ran.outcome()),
          ran.payload(requestId, now));
    }

    /** Lambda's {@code functionError}: none when the function returned, else {@code Unhandled}. */
    static Optional<String> functionError(InvokeOutcome outcome) {
      return switch (outcome) {
        case InvokeOutcome.Ok ok -> Optional.empty();
        case InvokeOutcome.FunctionError error -> Optional.of(UNHANDLED);
        case InvokeOutcome.InitFailed init -> Optional.of(UNHANDLED);
        case InvokeOutcome.TimedOut timedOut -> Optional.of(UNHANDLED);
        case InvokeOutcome.SandboxFailed failed -> Optional.of(UNHANDLED);
      };
    }

    /** Whether the function returned a result: the event has succeeded. */
    boolean succeeded() {
      return functionError.isEmpty();
    }
  }

  /** What becomes of an event the invoke path refused to run. */
  enum Refused {
    /** Back to the head of its lane, which pauses: the refusal passes with time. */
    RETRIED,
    /** Dropped and counted: the function, or its version or alias, is gone. */
    DROPPED
  }

  /** Throttles, spent capacity and a function still being created pass; a missing one does not. */
  static Refused refused(InvokeResult.Refusal refusal) {
    return switch (refusal) {
      case InvokeResult.Throttled throttled -> Refused.RETRIED;
      case InvokeResult.NoCapacity noCapacity -> Refused.RETRIED;
      case InvokeResult.Pending pending -> Refused.RETRIED;
      case InvokeResult.NotFound notFound -> Refused.DROPPED;
    };
  }

  private final Delivery delivery;
  private final Metrics metrics;
  private final ObjectMapper json = new ObjectMapper();

  Outcomes(Delivery delivery, Metrics metrics) {
    this.delivery = delivery;
    this.metrics = metrics;
  }

  /**
   * Routes the end of an event: its record to the destination of its condition, and a failed event
   * to the dead-letter queue; an event that fails with neither is dropped and counted.
   */
  void ended(
      AsyncEvent event,
      String functionArn,
      Condition condition,
      Optional<Response> response,
      EventPolicy policy,
      Optional<String> deadLetterQueue,
      Instant now) {
    Metrics.Target target = Metrics.Target.of(event.functionName(), event.qualifier(), false);
    boolean success = condition == Condition.SUCCESS;
    Optional<String> destination = success ? policy.onSuccess() : policy.onFailure();
    boolean kept = success;
    if (destination.isPresent()) {
      byte[] record = record(event, functionArn, condition, response, now);
      Delivery.Message message =
          new Delivery.Message(
              new String(record, StandardCharsets.UTF_8),
              Map.of(),
              Optional.of("lambda"),
              Optional.of(
                  "Lambda Function Invocation Result - " + (success ? "Success" : "Failure")),
              event.lineage() + 1);
      kept |= deliver(destination.get(), message, target, "DestinationDeliveryFailures");
    }
    if (!success && deadLetterQueue.isPresent()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("RequestID", event.requestId());
      attributes.put("ErrorCode", Integer.toString(response.map(Response::statusCode).orElse(429)));
      attributes.put("ErrorMessage", errorMessage(condition, response));
      Delivery.Message message =
          new Delivery.Message(
              new String(event.payload(), StandardCharsets.UTF_8),
              attributes,
              Optional.empty(),
              Optional.empty(),
              event.lineage() + 1);
      kept |= deliver(deadLetterQueue.get(), message, target, "DeadLetterErrors");
    }
    if (!kept) {
      metrics.count("AsyncEventsDropped", target);
    }
  }

  private boolean deliver(
      String arn, Delivery.Message message, Metrics.Target target, String failureMetric) {
    try {
      delivery.deliver(arn, message);
      return true;
    } catch (AwsException | IllegalStateException e) {
      LOG.log(Level.WARNING, "cannot deliver to " + arn + ": " + e.getMessage());
      metrics.count(failureMetric, target);
      return false;
    }
  }

  /** AWS's invocation record, as a JSON document. */
  byte[] record(
      AsyncEvent event,
      String functionArn,
      Condition condition,
      Optional<Response> response,
      Instant now) {
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(
            512 + event.payload().length + response.map(r -> r.payload().length).orElse(0));
    try (JsonGenerator out = json.getFactory().createGenerator(bytes)) {
      out.writeStartObject();
      out.writeStringField("version", "1.0");
      out.writeStringField("timestamp", TIMESTAMP.format(now));
      out.writeObjectFieldStart("requestContext");
      out.writeStringField("requestId", event.requestId());
      out.writeStringField("functionArn", functionArn);
      out.writeStringField("condition", condition.wireName);
      out.writeNumberField("approximateInvokeCount", event.attempts());
      out.writeEndObject();
      out.writeFieldName("requestPayload");
      writeDocument(out, event.payload());
      if (response.isPresent()) {
        Response r = response.get();
        out.writeObjectFieldStart("responseContext");
        out.writeNumberField("statusCode", r.statusCode());
        out.writeStringField("executedVersion", r.executedVersion());
        if (r.functionError().isPresent()) {
          out.writeStringField("functionError", r.functionError().get());
        }
        out.writeEndObject();
        out.writeFieldName("responsePayload");
        writeDocument(out, r.payload());
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A payload as JSON: as it is when it is one JSON value, null when empty, else as a string. */
  private void writeDocument(JsonGenerator out, byte[] payload) throws IOException {
    switch (shape(payload)) {
      case EMPTY -> out.writeNull();
      case VALUE -> out.writeRawValue(new String(payload, StandardCharsets.UTF_8));
      case NOT_JSON -> out.writeString(new String(payload, StandardCharsets.UTF_8));
    }
  }

  /** What a payload is as JSON. */
  private enum Shape {
    /** Nothing but whitespace. */
    EMPTY,
    /** One JSON value. */
    VALUE,
    /** Anything else. */
    NOT_JSON
  }

  /** Reads {@code payload} through, without building it, to tell its {@link Shape}. */
  private Shape shape(byte[] payload) {
    try (JsonParser parser = json.getFactory().createParser(payload)) {
      if (parser.nextToken() == null) {
        return Shape.EMPTY;
      }
      parser.skipChildren();
      return parser.nextToken() == null ? Shape.VALUE : Shape.NOT_JSON;
    } catch (IOException e) {
      return Shape.NOT_JSON;
    }
  }

  /** A payload as a JSON tree: parsed when it is JSON, else as a string. */
  private JsonNode document(byte[] payload) {
    try {
      JsonNode node = json.readTree(payload);
      return node == null || node.isMissingNode() ? json.nullNode() : node;
    } catch (IOException e) {
      return json.getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
    }
  }

  private String errorMessage(Condition condition, Optional<Response> response) {
    if (condition == Condition.EVENT_AGE_EXCEEDED && response.isEmpty()) {
      return "Event age exceeded the maximum event age before a successful invocation.";
    }
    String message =
        response
            .map(r -> document(r.payload()))
            .map(node -> node.path("errorMessage").asText(node.toString()))
            .orElse("");
    return message.length() > MAX_ERROR_MESSAGE ? message.substring(0, MAX_ERROR_MESSAGE) : message;
  }
}
