package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The floor runs Gust's real Python bootstrap in plain processes and the load generator on it. */
class FloorLoopTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void anInvokeGetsWhatTheHandlerReturnedForItsEvent() throws Exception {
    try (FloorLoop floor =
            FloorLoop.start(
                1,
                "def handler(event, context):\n"
                    + "    return {'got': event, 'id': context.aws_request_id}\n");
        HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> reply =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + floor.port()
                              + "/2015-03-31/functions/f/invocations"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"n\": 7}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(reply.statusCode()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo("{\"got\": {\"n\": 7}, \"id\": \"1\"}");
      assertThat(reply.headers().firstValue("Content-Length")).isPresent();
    }
  }

  @Test
  void everyConnectionMakesItsQuotaOfTimedInvokes() {
    try (FloorLoop floor = FloorLoop.start(3, WarmBenchmark.NOOP)) {
      Load.Result result =
          Load.run(
              () -> new InvokeConnection("127.0.0.1", floor.port(), "f"),
              3,
              Load.Plan.counted(40, DEADLINE));

      assertThat(result.connections()).isEqualTo(3);
      assertThat(result.succeeded()).isEqualTo(120);
      assertThat(result.failed()).isZero();
      assertThat(result.latency()).hasValueSatisfying(s -> assertThat(s.count()).isEqualTo(120));
      assertThat(result.throughput()).isPositive();
      assertThat(result.firstFailure()).isEmpty();
    }
  }

  @Test
  void functionErrorsAreCountedAsFailuresNotTimedAsSuccesses() {
    try (FloorLoop floor =
        FloorLoop.start(1, "def handler(event, context):\n    raise ValueError('boom')\n")) {
      Load.Result result =
          Load.run(
              () -> new InvokeConnection("127.0.0.1", floor.port(), "f"),
              1,
              Load.Plan.counted(5, DEADLINE));

      assertThat(result.succeeded()).isZero();
      assertThat(result.failed()).isEqualTo(5);
      assertThat(result.latency()).isEmpty();
      assertThat(result.firstFailure())
          .hasValueSatisfying(f -> assertThat(f).startsWith("200 Unhandled: ").contains("boom"));
    }
  }

  @Test
  void aHandlerThatCannotBeImportedFailsTheStartWithTheRuntimesReason() {
    assertThatThrownBy(() -> FloorLoop.start(1, "def handler(:\n"))
        .isInstanceOf(Measurement.Failed.class)
        .hasMessageContaining("Runtime.UserCodeSyntaxError");
  }
}
