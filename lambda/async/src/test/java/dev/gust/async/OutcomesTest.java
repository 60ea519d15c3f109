package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.Scope;
import dev.gust.delivery.Delivery;
import dev.gust.invoke.InvokeResult;
import dev.gust.invoke.ThrottleReason;
import dev.gust.metrics.Metrics;
import dev.gust.testkit.FakeClock;
import dev.gust.worker.CapacityException;
import dev.gust.worker.InvokeOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each result of the invoke path leads to, one row per case, and the invocation record AWS
 * sends to a destination, for payloads of every shape.
 */
class OutcomesTest {

  /** A refusal of the invoke path and what becomes of the event it refused. */
  record RefusalRow(InvokeResult.Refusal refusal, Outcomes.Refused expected) {

    @Override
    public String toString() {
      return refusal + " -> " + expected;
    }
  }

  static Stream<RefusalRow> refusals() {
    return Stream.of(
        new RefusalRow(
            new InvokeResult.Throttled(
                ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED),
            Outcomes.Refused.RETRIED),
        new RefusalRow(
            new InvokeResult.Throttled(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED),
            Outcomes.Refused.RETRIED),
        new RefusalRow(
            new InvokeResult.NoCapacity(CapacityException.Reason.SCALING_RATE, "rate"),
            Outcomes.Refused.RETRIED),
        new RefusalRow(
            new InvokeResult.NoCapacity(CapacityException.Reason.MEMORY, "memory"),
            Outcomes.Refused.RETRIED),
        new RefusalRow(new InvokeResult.Pending(), Outcomes.Refused.RETRIED),
        new RefusalRow(
            new InvokeResult.NotFound("arn:aws:lambda:us-east-1:000000000000:function:f"),
            Outcomes.Refused.DROPPED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aRefusalThatPassesWithTimeIsRetriedAndAMissingFunctionDropsTheEvent(RefusalRow row) {
    assertThat(Outcomes.refused(row.refusal())).isEqualTo(row.expected());
  }

  /** How a function that ran ended, and the {@code functionError} its record reports. */
  record RanRow(InvokeOutcome outcome, Optional<String> functionError) {

    @Override
    public String toString() {
      return outcome.getClass().getSimpleName() + " -> " + functionError.orElse("none");
    }
  }

  static Stream<RanRow> ran() {
    Optional<String> unhandled = Optional.of("Unhandled");
    return Stream.of(
        new RanRow(new InvokeOutcome.Ok(bytes("1")), Optional.empty()),
        new RanRow(new InvokeOutcome.FunctionError("ValueError", bytes("{}")), unhandled),
        new RanRow(new InvokeOutcome.InitFailed("Runtime.ExitError", bytes("{}")), unhandled),
        new RanRow(new InvokeOutcome.TimedOut(3), unhandled),
        new RanRow(new InvokeOutcome.SandboxFailed("Runtime.ExitError", "exit"), unhandled));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ran")
  void onlyAFunctionThatReturnedSucceeds(RanRow row) {
    Outcomes.Response response =
        new Outcomes.Response(
            200, "$LATEST", Outcomes.Response.functionError(row.outcome()), bytes("{}"));
    assertThat(response.functionError()).isEqualTo(row.functionError());
    assertThat(response.succeeded()).isEqualTo(row.functionError().isEmpty());
  }

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.250Z");
  private final Outcomes outcomes =
      new Outcomes(new Delivery(), Metrics.create(FakeClock.at("2026-01-01T00:00:00Z")));

  @Test
  void jsonPayloadsAreEmbeddedAsJson() throws IOException {
    JsonNode record =
        record(
            "{\"order\": [1, 2]}",
            Optional.of(new Outcomes.Response(200, "3", Optional.empty(), bytes("\"done\""))));

    assertThat(record.at("/requestPayload/order/1").asInt()).isEqualTo(2);
    assertThat(record.path("responsePayload").asText()).isEqualTo("done");
    assertThat(record.at("/responseContext/executedVersion").asText()).isEqualTo("3");
    assertThat(record.at("/responseContext/statusCode").asInt()).isEqualTo(200);
    assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("Success");
    assertThat(record.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.250Z");
  }

  @Test
  void aResponseThatIsNotJsonIsAStringAndAnEmptyOneIsNull() throws IOException {
    JsonNode text =
        record(
            "{}",
            Optional.of(
                new Outcomes.Response(200, "$LATEST", Optional.of("Unhandled"), bytes("oops {"))));
    assertThat(text.path("responsePayload").isTextual()).isTrue();
    assertThat(text.path("responsePayload").asText()).isEqualTo("oops {");
    assertThat(text.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");

    JsonNode empty =
        record("", Optional.of(new Outcomes.Response(200, "$LATEST", Optional.empty(), bytes(""))));
    assertThat(empty.path("requestPayload").isNull()).isTrue();
    assertThat(empty.path("responsePayload").isNull()).isTrue();
  }

  @Test
  void anExpiredEventHasNoResponse() throws IOException {
    JsonNode record = record("[\"a\"]", Optional.empty());
    assertThat(record.has("responseContext")).isFalse();
    assertThat(record.has("responsePayload")).isFalse();
    assertThat(record.at("/requestPayload/0").asText()).isEqualTo("a");
  }

  private JsonNode record(String payload, Optional<Outcomes.Response> response) throws IOException {
    AsyncEvent event =
        new AsyncEvent(
            "request-1",
            Scope.defaultScope(),
            "f",
            Optional.empty(),
            bytes(payload),
            NOW,
            2,
            NOW,
            0);
    byte[] record =
        outcomes.record(
            event,
            "arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST",
            response.isPresent()
                ? Outcomes.Condition.SUCCESS
                : Outcomes.Condition.EVENT_AGE_EXCEEDED,
            response,
            NOW);
    return new ObjectMapper().readTree(record);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
