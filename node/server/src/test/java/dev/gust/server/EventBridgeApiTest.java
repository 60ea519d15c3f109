package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.testkit.Await;
import dev.gust.testkit.AwsClients;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** EventBridge through the real AWS SDK client: the API, bad input, and a delivered event. */
class EventBridgeApiTest extends ServerTestBase {

  static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:consumer";

  EventBridgeClient events;
  final List<String> delivered = new CopyOnWriteArrayList<>();

  @BeforeEach
  void client() {
    events = AwsClients.eventBridge(server.url());
    server
        .delivery()
        .register(
            dev.gust.delivery.Target.Function.class,
            (function, message) -> delivered.add(function.arn() + " " + message.body()));
  }

  @AfterEach
  void closeClient() {
    events.close();
  }

  @Test
  void busesRulesAndTargetsRoundTrip() {
    String busArn = events.createEventBus(r -> r.name("orders")).eventBusArn();
    assertThat(busArn).isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/orders");
    assertThat(events.listEventBuses(r -> {}).eventBuses())
        .extracting(b -> b.name())
        .containsExactly("default", "orders");
    assertThat(events.describeEventBus(r -> r.name("orders")).arn()).isEqualTo(busArn);

    String ruleArn =
        events
            .putRule(
                r ->
                    r.name("big")
                        .eventBusName("orders")
                        .eventPattern("{\"source\":[\"shop\"]}")
                        .description("big orders"))
            .ruleArn();
    assertThat(ruleArn).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/orders/big");
    var rule = events.describeRule(r -> r.name("big").eventBusName("orders"));
    assertThat(rule.state()).isEqualTo(RuleState.ENABLED);
    assertThat(rule.eventPattern()).isEqualTo("{\"source\":[\"shop\"]}");
    events.disableRule(r -> r.name("big").eventBusName("orders"));
    assertThat(events.listRules(r -> r.eventBusName("orders")).rules())
        .singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(RuleState.DISABLED));
    events.enableRule(r -> r.name("big").eventBusName("orders"));

    var put =
        events.putTargets(
            r ->
                r.rule("big")
                    .eventBusName("orders")
                    .targets(
                        Target.builder()
                            .id("fn")
                            .arn(FUNCTION)
                            .inputTransformer(
                                t ->
                                    t.inputPathsMap(java.util.Map.of("n", "$.detail.n"))
                                        .inputTemplate("{\"count\": <n>}"))
                            .retryPolicy(p -> p.maximumRetryAttempts(3))
                            .build()));
    assertThat(put.failedEntryCount()).isZero();
    assertThat(events.listTargetsByRule(r -> r.rule("big").eventBusName("orders")).targets())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.inputTransformer().inputTemplate()).isEqualTo("{\"count\": <n>}");
              assertThat(t.retryPolicy().maximumRetryAttempts()).isEqualTo(3);
            });

    PutEventsResponse response =
        events.putEvents(
            r ->
                r.entries(
                    PutEventsRequestEntry.builder()
                        .eventBusName("orders")
                        .source("shop")
                        .detailType("Order")
                        .detail("{\"n\": 7}")
                        .build(),
                    PutEventsRequestEntry.builder()
                        .eventBusName("orders")
                        .source("shop")
                        .detailType("Order")
                        .detail("not json")
                        .build()));
    assertThat(response.failedEntryCount()).isEqualTo(1);
    assertThat(response.entries().get(0).eventId()).isNotBlank();
    assertThat(response.entries().get(1).errorCode()).isEqualTo("MalformedDetail");
    Await.until("the event reaches the function", () -> !delivered.isEmpty());
    assertThat(delivered).containsExactly(FUNCTION + " {\"count\": 7}");

    assertThatThrownBy(() -> events.deleteRule(r -> r.name("big").eventBusName("orders")))
        .isInstanceOf(EventBridgeException.class)
        .hasMessageContaining("targets");
    events.removeTargets(r -> r.rule("big").eventBusName("orders").ids("fn"));
    events.deleteRule(r -> r.name("big").eventBusName("orders"));
    events.deleteEventBus(r -> r.name("orders"));
    assertThat(events.listEventBuses(r -> {}).eventBuses()).hasSize(1);
  }

  @Test
  void testEventPatternAnswersAsAws() {
    String event =
        "{\"id\":\"1\",\"account\":\"000000000000\",\"source\":\"com.shop\",\"time\":"
            + "\"2025-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],"
            + "\"detail-type\":\"x\",\"detail\":{\"n\":5}}";

    assertThat(
            events
                .testEventPattern(
                    r -> r.eventPattern("{\"source\":[{\"prefix\":\"com.\"}]}").event(event))
                .result())
        .isTrue();
    assertThat(
            events
                .testEventPattern(
                    r ->
                        r.eventPattern("{\"detail\":{\"n\":[{\"numeric\":[\">\",9]}]}}")
                            .event(event))
                .result())
        .isFalse();
  }

  @Test
  void badInputGetsAwsShapedErrorsAndTheServerKeepsWorking() {
    assertThatThrownBy(() -> events.putRule(r -> r.name("x").eventPattern("{\"source\":\"a\"}")))
        .isInstanceOf(InvalidEventPatternException.class);
    assertThatThrownBy(() -> events.describeRule(r -> r.name("missing")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> events.createEventBus(r -> r.name("default")))
        .isInstanceOf(ResourceAlreadyExistsException.class);
    assertThatThrownBy(() -> events.putRule(r -> r.name("no-pattern")))
        .isInstanceOf(EventBridgeException.class)
        .satisfies(e -> assertThat(((EventBridgeException) e).statusCode()).isEqualTo(400));
    assertThatThrownBy(() -> events.putRule(r -> r.name("s").scheduleExpression("rate(5 weeks)")))
        .isInstanceOf(EventBridgeException.class)
        .hasMessageContaining("ScheduleExpression");
    assertThatThrownBy(
            () ->
                events.putEvents(
                    r ->
                        r.entries(
                            java.util.Collections.nCopies(
                                11,
                                PutEventsRequestEntry.builder()
                                    .source("a")
                                    .detailType("b")
                                    .detail("{}")
                                    .build()))))
        .isInstanceOf(EventBridgeException.class)
        .hasMessageContaining("entries");

    assertThat(events.putRule(r -> r.name("ok").scheduleExpression("rate(1 minute)")).ruleArn())
        .endsWith(":rule/ok");
    assertThat(events.listRules(r -> {}).rules()).extracting(r -> r.name()).containsExactly("ok");
  }
}
