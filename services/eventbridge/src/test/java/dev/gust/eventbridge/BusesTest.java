package dev.gust.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.core.AwsException;
import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import dev.gust.delivery.Delivery;
import dev.gust.delivery.Target;
import dev.gust.store.Database;
import dev.gust.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusesTest {

  static final Scope SCOPE = Scope.defaultScope();
  static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders";
  static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dlq";
  static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:f";

  @TempDir Path dir;
  final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
  final Recorder queues = new Recorder();
  final Recorder functions = new Recorder();
  Database database;
  Delivery delivery;
  Buses buses;

  @BeforeEach
  void open() {
    database = Database.sqlite(dir.resolve("gust.db"));
    start();
  }

  void start() {
    delivery = new Delivery();
    delivery.register(Target.Queue.class, queues);
    delivery.register(Target.Function.class, functions);
    buses = Buses.open(database, delivery, clock, Ownership.everything(), Runnable::run);
  }

  @AfterEach
  void close() {
    buses.close();
    database.close();
  }

  private String putRule(String name, String pattern) {
    return buses.putRule(
        SCOPE,
        new BusRule(
            "default",
            name,
            Optional.of(pattern),
            Optional.empty(),
            BusRule.State.ENABLED,
            Optional.empty(),
            Optional.empty(),
            0),
        Map.of());
  }

  private static RuleTarget target(String id, String arn) {
    return new RuleTarget(
        id,
        arn,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private BusEvents.Result put(String source, String detail) {
    return buses
        .putEvents(
            SCOPE,
            List.of(
                new BusEvents.Entry(
                    Optional.empty(),
                    Optional.of(source),
                    Optional.of("Order Placed"),
                    Optional.of(detail),
                    List.of("arn:aws:s3:::bucket"),
                    Optional.empty())))
        .getFirst();
  }

  private static JsonNode json(String text) throws Exception {
    return BusEvents.JSON.readTree(text);
  }

  @Test
  void prefixPatternRoutesOnlyMatchingEventsInAwsEnvelope() throws Exception {
    putRule(
        "orders",
        "{\"source\":[{\"prefix\":\"com.shop.\"}],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}");
    buses.putTargets(SCOPE, "default", "orders", List.of(target("q", QUEUE)));

    BusEvents.Result matching = put("com.shop.orders", "{\"total\":150}");
    put("com.shop.orders", "{\"total\":50}");
    put("org.other", "{\"total\":150}");

    assertThat(queues.delivered()).hasSize(1);
    JsonNode event = json(queues.bodies().getFirst());
    assertThat(event.get("version").asText()).isEqualTo("0");
    assertThat(event.get("id").asText()).isEqualTo(matching.eventId().orElseThrow());
    assertThat(event.get("detail-type").asText()).isEqualTo("Order Placed");
    assertThat(event.get("source").asText()).isEqualTo("com.shop.orders");
    assertThat(event.get("account").asText()).isEqualTo("000000000000");
    assertThat(event.get("time").asText()).isEqualTo("2025-03-01T10:00:00Z");
    assertThat(event.get("region").asText()).isEqualTo("us-east-1");
    assertThat(event.get("resources").get(0).asText()).isEqualTo("arn:aws:s3:::bucket");
    assertThat(event.get("detail").get("total").asInt()).isEqualTo(150);
  }

  @Test
  void disabledRuleAndOtherBusDoNotMatch() {
    buses.createBus(SCOPE, "custom", Optional.empty(), Map.of());
    putRule("all", "{\"source\":[\"app\"]}");
    buses.putTargets(SCOPE, "default", "all", List.of(target("q", QUEUE)));
    buses.setState(SCOPE, "default", "all", BusRule.State.DISABLED);
    put("app", "{}");
    buses.setState(SCOPE, "default", "all", BusRule.State.ENABLED);
    buses.putEvents(
        SCOPE,
        List.of(
            new BusEvents.Entry(
                Optional.empty(),
                Optional.of("app"),
                Optional.of("t"),
                Optional.of("{}"),
                List.of(),
                Optional.of("custom"))));
    assertThat(queues.delivered()).isEmpty();

    put("app", "{}");
    assertThat(queues.delivered()).hasSize(1);
  }

  @Test
  void invalidEntriesFailOneByOne() {
    List<BusEvents.Result> results =
        buses.putEvents(
            SCOPE,
            List.of(
                new BusEvents.Entry(
                    Optional.empty(),
                    Optional.of("a"),
                    Optional.of("t"),
                    Optional.of("[1]"),
                    List.of(),
                    Optional.empty()),
                new BusEvents.Entry(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("t"),
                    Optional.of("{}"),
                    List.of(),
                    Optional.empty()),
                new BusEvents.Entry(
                    Optional.empty(),
                    Optional.of("a"),
                    Optional.of("t"),
                    Optional.of("{}"),
                    List.of(),
                    Optional.of("missing")),
                new BusEvents.Entry(
                    Optional.empty(),
                    Optional.of("a"),
                    Optional.of("t"),
                    Optional.of("{}"),
                    List.of(),
                    Optional.empty())));

    assertThat(results.get(0).errorCode()).contains("MalformedDetail");
    assertThat(results.get(1).errorCode()).contains("InvalidArgument");
    assertThat(results.get(2).errorMessage().orElseThrow()).contains("missing");
    assertThat(results.get(3).eventId()).isPresent();
  }

  @Test
  void inputTransformerInputPathAndConstantInput() throws Exception {
    String ruleArn = putRule("shape", "{\"source\":[\"shop\"]}");
    buses.putTargets(
        SCOPE,
        "default",
        "shape",
        List.of(
            new RuleTarget(
                "t1",
                QUEUE,
                Optional.empty(),
                Optional.empty(),
                Optional.of(
                    new RuleTarget.Transformer(
                        Map.of("item", "$.detail.items[0].name", "total", "$.detail.total"),
                        "{\"what\": \"<item> x <total>\", \"total\": <total>,"
                            + " \"rule\": \"<aws.events.rule-name>\"}")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            new RuleTarget(
                "t2",
                FUNCTION,
                Optional.empty(),
                Optional.of("$.detail.items"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            new RuleTarget(
                "t3",
                FUNCTION,
                Optional.of("{\"fixed\":true}"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty())));

    put("shop", "{\"total\": 42, \"items\": [{\"name\": \"a \\\"b\\\"\"}]}");

    JsonNode transformed = json(queues.bodies().getFirst());
    assertThat(transformed.get("what").asText()).isEqualTo("a \"b\" x 42");
    assertThat(transformed.get("total").asInt()).isEqualTo(42);
    assertThat(transformed.get("rule").asText()).isEqualTo("shape");
    assertThat(ruleArn).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/shape");
    assertThat(functions.bodies())
        .containsExactly("[{\"name\":\"a \\\"b\\\"\"}]", "{\"fixed\":true}");
  }

  @Test
  void rateScheduleFiresOnTimeWithScheduledEvent() throws Exception {
    String ruleArn =
        buses.putRule(
            SCOPE,
            new BusRule(
                "default",
                "tick",
                Optional.empty(),
                Optional.of("rate(5 minutes)"),
                BusRule.State.ENABLED,
                Optional.empty(),
                Optional.empty(),
                0),
            Map.of());
    buses.putTargets(SCOPE, "default", "tick", List.of(target("f", FUNCTION)));

    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    assertThat(functions.delivered()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(functions.delivered()).hasSize(1);
    clock.advance(Duration.ofMinutes(10));
    assertThat(functions.delivered()).hasSize(3);

    JsonNode event = json(functions.bodies().getFirst());
    assertThat(event.get("source").asText()).isEqualTo("aws.events");
    assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.get("time").asText()).isEqualTo("2025-03-01T10:05:00Z");
    assertThat(event.get("resources").get(0).asText()).isEqualTo(ruleArn);
    assertThat(event.get("detail").isObject()).isTrue();
    assertThat(event.get("detail").size()).isZero();

    buses.setState(SCOPE, "default", "tick", BusRule.State.DISABLED);
    clock.advance(Duration.ofMinutes(30));
    assertThat(functions.delivered()).hasSize(3);
  }

  @Test
  void cronScheduleFiresAtItsMinuteAndSurvivesRestart() {
    buses.putRule(
        SCOPE,
        new BusRule(
            "default",
            "daily",
            Optional.empty(),
            Optional.of("cron(30 12 * * ? *)"),
            BusRule.State.ENABLED,
            Optional.empty(),
            Optional.empty(),
            0),
        Map.of());
    buses.putTargets(SCOPE, "default", "daily", List.of(target("f", FUNCTION)));
    buses.close();
    start();

    clock.advance(Duration.ofHours(2).plusMinutes(29));
    assertThat(functions.delivered()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(functions.delivered()).hasSize(1);
    clock.advance(Duration.ofDays(1));
    assertThat(functions.delivered()).hasSize(2);
  }

  @Test
  void failedDeliveryIsRetriedWithBackoffThenDeadLettered() {
    putRule("r", "{\"source\":[\"app\"]}");
    buses.putTargets(
        SCOPE,
        "default",
        "r",
        List.of(
            new RuleTarget(
                "f",
                FUNCTION,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(2),
                Optional.empty(),
                Optional.of(DLQ),
                Optional.empty())));
    functions.failNext(100);

    put("app", "{\"n\":1}");
    assertThat(functions.attempts()).isEqualTo(1);
    clock.advance(Duration.ofMillis(999));
    assertThat(functions.attempts()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    assertThat(functions.attempts()).isEqualTo(2);
    assertThat(queues.delivered()).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(functions.attempts()).isEqualTo(3);

    assertThat(queues.delivered()).hasSize(1);
    Recorder.Delivered dead = queues.delivered().getFirst();
    assertThat(dead.arn()).isEqualTo(DLQ);
    assertThat(dead.message().body()).contains("\"n\":1");
    assertThat(dead.message().attributes())
        .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts")
        .containsEntry("RETRY_ATTEMPTS", "2")
        .containsEntry("ERROR_CODE", "ResourceNotFoundException")
        .containsEntry("RULE_ARN", "arn:aws:events:us-east-1:000000000000:rule/r")
        .containsEntry("TARGET_ARN", FUNCTION);
    assertThat(buses.pendingDeliveries()).isZero();
  }

  @Test
  void retrySucceedsWhenTheTargetRecovers() {
    putRule("r", "{\"source\":[\"app\"]}");
    buses.putTargets(SCOPE, "default", "r", List.of(target("f", FUNCTION)));
    functions.failNext(3);

    put("app", "{}");
    clock.advance(Duration.ofSeconds(1 + 2 + 4));

    assertThat(functions.delivered()).hasSize(1);
    assertThat(functions.attempts()).isEqualTo(4);
  }

  @Test
  void acceptedEventIsDeliveredAfterARestart() {
    putRule("r", "{\"source\":[\"app\"]}");
    buses.putTargets(SCOPE, "default", "r", List.of(target("f", FUNCTION)));
    functions.failNext(1);
    put("app", "{\"kept\":true}");
    assertThat(functions.delivered()).isEmpty();
    buses.close();

    start();
    clock.advance(Duration.ofSeconds(1));

    assertThat(functions.bodies()).singleElement().asString().contains("\"kept\":true");
  }

  @Test
  void messageToABusArnBecomesAnEvent() throws Exception {
    buses.createBus(SCOPE, "orders", Optional.empty(), Map.of());
    buses.putRule(
        SCOPE,
        new BusRule(
            "orders",
            "r",
            Optional.of("{\"detail-type\":[\"Done\"]}"),
            Optional.empty(),
            BusRule.State.ENABLED,
            Optional.empty(),
            Optional.empty(),
            0),
        Map.of());
    buses.putTargets(SCOPE, "orders", "r", List.of(target("q", QUEUE)));

    delivery.deliver(
        "arn:aws:events:us-east-1:000000000000:event-bus/orders",
        new Delivery.Message("{\"ok\":1}", Map.of(), Optional.of("lambda"), Optional.of("Done")));

    JsonNode event = json(queues.bodies().getFirst());
    assertThat(event.get("source").asText()).isEqualTo("lambda");
    assertThat(event.get("detail").get("ok").asInt()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                delivery.deliver(
                    "arn:aws:events:us-east-1:000000000000:event-bus/none",
                    Delivery.Message.of("{}")))
        .isInstanceOf(AwsException.class);
  }

  @Test
  void rulesAndTargetsAreValidated() {
    assertThatThrownBy(() -> putRule("bad", "{\"source\":\"not-a-list\"}"))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("Event pattern is not valid");
    putRule("r", "{\"source\":[\"x\"]}");
    buses.putTargets(SCOPE, "default", "r", List.of(target("q", QUEUE)));
    assertThatThrownBy(() -> buses.deleteRule(SCOPE, "default", "r", false))
        .hasMessageContaining("has targets");
    assertThatThrownBy(
            () ->
                buses.putTargets(
                    SCOPE,
                    "default",
                    "r",
                    List.of(
                        target("a", QUEUE),
                        target("b", QUEUE),
                        target("c", QUEUE),
                        target("d", QUEUE),
                        target("e", QUEUE))))
        .extracting(e -> ((AwsException) e).type().code())
        .isEqualTo("LimitExceededException");
    buses.deleteRule(SCOPE, "default", "r", true);
    assertThatThrownBy(() -> buses.describeRule(SCOPE, "default", "r"))
        .extracting(e -> ((AwsException) e).type().code())
        .isEqualTo("ResourceNotFoundException");
  }
}
