package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.core.Scope;
import dev.gust.delivery.Delivery;
import dev.gust.metrics.Metrics;
import dev.gust.testkit.FakeClock;
import dev.gust.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The invocation record AWS sends to a destination, for payloads of every shape. */
class OutcomesTest {

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
    return Json.camelCase().mapper().readTree(record);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
