package dev.gust.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.testkit.Await;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.NodeExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * EventBridge through the real AWS SDK client, on a node that runs only EventBridge: the API, bad
 * input, and a delivered event (to a function target that records what it is handed).
 */
class EventBridgeApiTest {

  static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:consumer";

  @RegisterExtension
  final NodeExtension node = new NodeExtension(List.of(EventBridgeService::open));

  EventBridgeClient events;
  final List<String> delivered = new CopyOnWriteArrayList<>();

  @BeforeEach
  void client() {
    events = AwsClients.eventBridge(node.url());
    node.node()
        .context()
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

  @Test
  void modelConstraintsAnswerWithAwsValidationMessages() {
    assertThatThrownBy(() -> events.putRule(r -> r.name("no spaces").eventPattern("{}")))
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "1 validation error detected: Value 'no spaces' at 'name' failed to satisfy"
                          + " constraint: Member must satisfy regular expression pattern:"
                          + " [\\.\\-_A-Za-z0-9]+");
            });
    assertThatThrownBy(() -> events.putRule(r -> r.name("r").eventPattern("{}").state("PAUSED")))
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo(
                        "1 validation error detected: Value 'PAUSED' at 'state' failed to satisfy"
                            + " constraint: Member must satisfy enum value set: [ENABLED,"
                            + " DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]"));
    assertThatThrownBy(() -> events.listEventBuses(r -> r.limit(101)))
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo(
                        "1 validation error detected: Value '101' at 'limit' failed to satisfy"
                            + " constraint: Member must have value less than or equal to 100"));
    assertThat(events.listRules(r -> {}).rules()).isEmpty();
  }

  @Test
  void operationsNotServedYetAreRefusedByName() {
    assertThatThrownBy(() -> events.listArchives(r -> {}))
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Gust does not implement AWSEvents.ListArchives");
            });
  }

  @Test
  void listsPageAndTagsRoundTrip() {
    events.createEventBus(r -> r.name("orders").description("all orders"));
    var bus = events.describeEventBus(r -> r.name("orders"));
    assertThat(bus.description()).isEqualTo("all orders");
    assertThat(bus.creationTime()).isNotNull().isEqualTo(bus.lastModifiedTime());
    assertThat(events.describeEventBus(r -> {}).creationTime()).isNull();

    for (String name : List.of("a", "b", "c")) {
      events.putRule(r -> r.name(name).eventPattern("{\"source\":[\"shop\"]}"));
    }
    events.putTargets(r -> r.rule("b").targets(t -> t.id("fn").arn(FUNCTION)));
    var first = events.listRules(r -> r.limit(2));
    assertThat(first.rules()).extracting(r -> r.name()).containsExactly("a", "b");
    var second = events.listRules(r -> r.limit(2).nextToken(first.nextToken()));
    assertThat(second.rules()).extracting(r -> r.name()).containsExactly("c");
    assertThat(second.nextToken()).isNull();
    assertThatThrownBy(() -> events.listRules(r -> r.nextToken("not a token")))
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("The NextToken is not valid."));
    assertThat(events.listRuleNamesByTarget(r -> r.targetArn(FUNCTION)).ruleNames())
        .containsExactly("b");
    assertThat(events.describeRule(r -> r.name("a")).createdBy()).isEqualTo("000000000000");

    String ruleArn = "arn:aws:events:us-east-1:000000000000:rule/a";
    events.tagResource(r -> r.resourceARN(ruleArn).tags(t -> t.key("team").value("shop")));
    assertThat(events.listTagsForResource(r -> r.resourceARN(ruleArn)).tags())
        .singleElement()
        .satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=shop"));
    events.untagResource(r -> r.resourceARN(ruleArn).tagKeys("team"));
    assertThat(events.listTagsForResource(r -> r.resourceARN(ruleArn)).tags()).isEmpty();
  }

  @Test
  void rawRequestsGetJson11RepliesAndErrors() throws Exception {
    HttpResponse<String> missing = post("PutTargets", "{\"Rule\":\"r\"}");
    HttpResponse<String> emptyList = post("ListRules", "{}");

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
    assertThat(missing.body())
        .isEqualTo(
            "{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected:"
                + " Value null at 'targets' failed to satisfy constraint: Member must not be"
                + " null\"}");
    assertThat(emptyList.statusCode()).isEqualTo(200);
    assertThat(emptyList.body()).isEqualTo("{\"Rules\":[]}");
    events.putRule(r -> r.name("r").eventPattern("{\"source\":[\"a\"]}"));
    assertThat(post("DescribeRule", "{\"Name\":\"r\"}").body())
        .contains("\"CreatedBy\":\"000000000000\"");
    assertThat(post("ListRules", "{}").body())
        .startsWith("{\"Rules\":[{\"Name\":\"r\",")
        .doesNotContain("CreatedBy");
  }

  private HttpResponse<String> post(String operation, String body) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(node.url() + "/"))
              .header("X-Amz-Target", "AWSEvents." + operation)
              .header("Content-Type", "application/x-amz-json-1.1")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
