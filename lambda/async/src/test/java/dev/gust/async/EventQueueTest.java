package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.TransitionCoverage;
import dev.gust.testkit.Await;
import dev.gust.worker.InvokeOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The asynchronous path on a fake clock: attempts, retries, expiry, destinations, restarts. */
class EventQueueTest {

  /** Together these tests move an event through every transition its lifecycle declares. */
  private static final TransitionCoverage<AsyncEvent.Stage> COVERAGE =
      AsyncEvent.Stage.TRANSITIONS.cover();

  @AfterAll
  static void everyDeclaredTransitionIsExercised() {
    COVERAGE.assertAllExercised();
  }

  private static final byte[] FAILURE =
      "{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private AsyncFixture node;

  @BeforeEach
  void start() {
    node = new AsyncFixture(dir);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void anEventRunsOnceAndItsRecordGoesToTheSuccessDestination() throws IOException {
    node.function("ok", Optional.empty());
    node.policies.put(
        "ok:$LATEST",
        new EventPolicy(2, Duration.ofHours(6), Optional.of(AsyncFixture.TOPIC), Optional.empty()));
    String requestId = node.invoke("ok", "{\"n\":1}");

    Await.until("the success record is delivered", () -> node.delivered.size() == 1);
    assertThat(node.worker.received("ok")).hasSize(1);
    assertThat(node.worker.received("ok").getFirst().invocation().requestId()).isEqualTo(requestId);
    AsyncFixture.Delivered delivered = node.delivered.getFirst();
    assertThat(delivered.arn()).isEqualTo(AsyncFixture.TOPIC);
    assertThat(delivered.message().detailType())
        .contains("Lambda Function Invocation Result - Success");
    JsonNode record = json(delivered.message().body());
    assertThat(record.path("version").asText()).isEqualTo("1.0");
    assertThat(record.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(record.at("/requestContext/requestId").asText()).isEqualTo(requestId);
    assertThat(record.at("/requestContext/functionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:ok:$LATEST");
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("Success");
    assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(record.at("/requestPayload/n").asInt()).isEqualTo(1);
    assertThat(record.at("/responseContext/statusCode").asInt()).isEqualTo(200);
    assertThat(record.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
    assertThat(record.at("/responseContext/functionError").isMissingNode()).isTrue();
    assertThat(record.path("responsePayload").asText()).isEqualTo("ok");
  }

  @Test
  void aFailingEventIsRetriedAfterOneThenTwoMinutesThenDeadLetteredAndReported()
      throws IOException {
    node.function("failing", Optional.of(AsyncFixture.QUEUE));
    node.policies.put(
        "failing:$LATEST",
        new EventPolicy(2, Duration.ofHours(6), Optional.empty(), Optional.of(AsyncFixture.TOPIC)));
    node.worker.answer(r -> new InvokeOutcome.FunctionError("ValueError", FAILURE));
    String requestId = node.invoke("failing", "{\"order\":7}");

    Instant start = node.clock.instant();
    awaitAttempts("failing", 1);
    awaitRetryAt(start.plusSeconds(60));
    node.clock.advance(Duration.ofSeconds(59));
    assertThat(node.clock.pendingDue()).contains(start.plusSeconds(60));
    assertThat(node.worker.received("failing")).hasSize(1);
    node.clock.advance(Duration.ofSeconds(1));
    awaitAttempts("failing", 2);
    awaitRetryAt(start.plusSeconds(180));
    node.clock.advance(Duration.ofSeconds(119));
    assertThat(node.clock.pendingDue()).contains(start.plusSeconds(180));
    assertThat(node.worker.received("failing")).hasSize(2);
    node.clock.advance(Duration.ofSeconds(1));
    awaitAttempts("failing", 3);
    Await.until("the queue and the topic get the failure", () -> node.delivered.size() == 2);

    assertThat(node.worker.received("failing"))
        .allSatisfy(r -> assertThat(r.invocation().requestId()).isEqualTo(requestId));
    AsyncFixture.Delivered record = delivered(AsyncFixture.TOPIC);
    assertThat(record.message().detailType())
        .contains("Lambda Function Invocation Result - Failure");
    JsonNode body = json(record.message().body());
    assertThat(body.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
    assertThat(body.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
    assertThat(body.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
    assertThat(body.at("/responsePayload/errorMessage").asText()).isEqualTo("boom");
    assertThat(body.at("/requestPayload/order").asInt()).isEqualTo(7);

    AsyncFixture.Delivered dead = delivered(AsyncFixture.QUEUE);
    assertThat(dead.message().body()).isEqualTo("{\"order\":7}");
    assertThat(dead.message().attributes())
        .containsEntry("RequestID", requestId)
        .containsEntry("ErrorCode", "200")
        .containsEntry("ErrorMessage", "boom");
    node.clock.advance(Duration.ofMinutes(10));
    assertThat(node.worker.received("failing")).hasSize(3);
  }

  @Test
  void withNoRetriesAFailureEndsAtOnceAndWithNowhereToGoIsDroppedAndCounted() {
    node.function("once", Optional.empty());
    node.policies.put(
        "once:$LATEST",
        new EventPolicy(0, Duration.ofHours(6), Optional.empty(), Optional.empty()));
    node.worker.answer(r -> new InvokeOutcome.FunctionError("ValueError", FAILURE));
    node.invoke("once", "{}");
    Await.until(
        "the event is dropped",
        () ->
            node.scrape()
                .contains(
                    "lambda_AsyncEventsDropped_total{FunctionName=\"once\",Resource=\"once\"} 1.0"));
    node.clock.advance(Duration.ofMinutes(5));
    assertThat(node.worker.received("once")).hasSize(1);
    assertThat(node.scrape())
        .contains("lambda_AsyncEventsReceived_total{FunctionName=\"once\",Resource=\"once\"} 1.0");
  }

  @Test
  void throttledEventsBackOffAndExpireAtTheirMaximumAge() throws IOException {
    node.function("throttled", Optional.empty());
    node.registry.putConcurrency(AsyncFixture.SCOPE, "throttled", 0);
    node.policies.put(
        "throttled:$LATEST",
        new EventPolicy(
            2, Duration.ofSeconds(60), Optional.empty(), Optional.of(AsyncFixture.TOPIC)));
    node.invoke("throttled", "{}");
    // Backoff 1, 2, 4, 8, 16, 32 s: the attempt at 63 s finds the event older than 60 s.
    for (int second = 0; second < 70 && node.delivered.isEmpty(); second++) {
      awaitTimer();
      node.clock.advance(Duration.ofSeconds(1));
    }
    Await.until("the expiry is reported", () -> node.delivered.size() == 1);
    assertThat(node.worker.received()).isEmpty();
    JsonNode body = json(node.delivered.getFirst().message().body());
    assertThat(body.at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
    assertThat(body.at("/requestContext/approximateInvokeCount").asInt()).isZero();
    assertThat(body.has("responseContext")).isFalse();
    assertThat(body.path("timestamp").asText()).isEqualTo("2026-01-01T00:01:03.000Z");
  }

  @Test
  void anEventRefusedAnEnvironmentWaitsInItsPausedLaneUntilThereIsRoom() {
    node.function("roomless", Optional.empty());
    node.worker.capacity(0);
    Instant start = node.clock.instant();
    node.invoke("roomless", "{}");
    awaitRetryAt(start.plusSeconds(1));
    assertThat(node.scrape()).contains("lambda_Throttles_total{FunctionName=\"roomless\"");
    assertThat(node.worker.received()).isEmpty();

    node.worker.capacity(1_000_000);
    node.clock.advance(Duration.ofSeconds(1));
    awaitAttempts("roomless", 1);
    assertThat(node.scrape()).doesNotContain("lambda_AsyncEventsDropped_total");
  }

  @Test
  void eventsStoredBeforeARestartRunAfterIt() {
    node.function("later", Optional.empty());
    node.registry.putConcurrency(AsyncFixture.SCOPE, "later", 0);
    for (int i = 0; i < 20; i++) {
      node.invoke("later", "{\"i\":" + i + "}");
    }
    node.restart();
    node.registry.deleteConcurrency(AsyncFixture.SCOPE, "later");
    // The resumed lane may be throttled once more, and pause, at any moment after the restart: time
    // passes a second at a time until every event has run.
    Await.until(
        "later invoked 20 times",
        () -> {
          node.clock.advance(Duration.ofSeconds(1));
          return node.worker.received("later").size() >= 20;
        });
    assertThat(
            node.worker.received("later").stream().map(r -> new String(r.invocation().payload())))
        .hasSize(20)
        .doesNotHaveDuplicates();
  }

  @Test
  void eventsOfADeletedFunctionAreDropped() {
    node.function("gone", Optional.empty());
    node.registry.putConcurrency(AsyncFixture.SCOPE, "gone", 0);
    node.invoke("gone", "{}");
    node.registry.delete(AsyncFixture.SCOPE, dev.gust.registry.FunctionRef.unqualified("gone"));
    node.clock.advance(Duration.ofSeconds(2));
    Await.until(
        "the event is dropped",
        () -> node.scrape().contains("lambda_AsyncEventsDropped_total{FunctionName=\"gone\""));
  }

  @Test
  void aLoopOfDestinationsIsStoppedAfterSixteenInvocations() {
    node.function("ping", Optional.empty());
    node.function("pong", Optional.empty());
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:";
    node.policies.put(
        "ping:$LATEST",
        new EventPolicy(2, Duration.ofHours(6), Optional.of(arn + "pong"), Optional.empty()));
    node.policies.put(
        "pong:$LATEST",
        new EventPolicy(2, Duration.ofHours(6), Optional.of(arn + "ping"), Optional.empty()));
    node.invoke("ping", "{}");
    Await.until(
        "the loop is stopped",
        () -> node.scrape().contains("lambda_RecursiveInvocationsDropped_total{"));
    assertThat(node.worker.received()).hasSize(16);
    assertThat(node.worker.received().getLast().invocation().traceId().orElseThrow())
        .endsWith(":15");
  }

  private void awaitAttempts(String function, int attempts) {
    Await.until(
        function + " invoked " + attempts + " times",
        () -> node.worker.received(function).size() == attempts);
  }

  /** Waits until the event's next attempt is on the clock, due at {@code due}. */
  private void awaitRetryAt(Instant due) {
    Await.until("a retry is scheduled at " + due, () -> node.clock.pendingDue().contains(due));
  }

  /** Waits until the lane's resumption is on the clock (or the event has ended). */
  private void awaitTimer() {
    Await.until(
        "the next attempt is scheduled",
        () -> node.clock.pendingTasks() > 1 || !node.delivered.isEmpty());
  }

  private AsyncFixture.Delivered delivered(String arn) {
    return node.delivered.stream().filter(d -> d.arn().equals(arn)).findFirst().orElseThrow();
  }

  private static JsonNode json(String body) throws IOException {
    return new ObjectMapper().readTree(body);
  }
}
