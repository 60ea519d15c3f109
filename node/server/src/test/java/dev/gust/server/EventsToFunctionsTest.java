package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.Await;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Zips;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Brokers deliver to real Python functions through the asynchronous path: an EventBridge rule with
 * a prefix pattern, and an SNS subscription. Each function checks the event it receives and raises
 * if it is not AWS's shape, so an error would show in its metrics.
 */
class EventsToFunctionsTest extends ServerTestBase {

  private static final String ORDERS =
      """
      def handler(event, context):
          assert event['version'] == '0', event
          assert event['account'] == '000000000000', event
          assert event['source'].startswith('com.shop'), event
          assert event['detail-type'] == 'Order', event
          assert event['detail'] == {'total': 150}, event
          return 'ok'
      """;

  private static final String NEWS =
      """
      def handler(event, context):
          record = event['Records'][0]
          assert record['EventSource'] == 'aws:sns', event
          assert record['Sns']['Message'] == 'hello', event
          assert record['Sns']['TopicArn'].endswith(':news'), event
          assert record['Sns']['MessageAttributes']['kind']['Value'] == 'keep', event
          return 'ok'
      """;

  @Test
  void aRuleWithAPrefixPatternInvokesItsFunctionWithMatchingEventsOnly() {
    String arn = create("orders", ORDERS);
    try (EventBridgeClient events = AwsClients.eventBridge(server.url())) {
      events.putRule(r -> r.name("shop").eventPattern("{\"source\":[{\"prefix\":\"com.shop\"}]}"));
      events.putTargets(r -> r.rule("shop").targets(t -> t.id("fn").arn(arn)));
      var put =
          events.putEvents(
              r ->
                  r.entries(
                      entry("org.other", "{\"total\":150}"),
                      entry("com.shop.web", "{\"total\":150}")));
      assertThat(put.failedEntryCount()).isZero();
    }
    awaitInvocations("orders");
    assertThat(metrics()).contains(errors("orders", 0));
  }

  @Test
  void aTopicDeliversItsMessagesToASubscribedFunction() {
    String arn = create("news-reader", NEWS);
    try (SnsClient sns = AwsClients.sns(server.url())) {
      String topic = sns.createTopic(r -> r.name("news")).topicArn();
      sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint(arn));
      sns.publish(
          r ->
              r.topicArn(topic)
                  .message("hello")
                  .messageAttributes(
                      Map.of(
                          "kind",
                          software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder()
                              .dataType("String")
                              .stringValue("keep")
                              .build())));
    }
    awaitInvocations("news-reader");
    assertThat(metrics()).contains(errors("news-reader", 0));
  }

  private String create(String name, String code) {
    lambda.createFunction(
        function(name)
            .handler("app.handler")
            .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("app.py", code)))))
            .build());
    waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
    return lambda.getFunction(r -> r.functionName(name)).configuration().functionArn();
  }

  private void awaitInvocations(String name) {
    Await.until(
        name + " ran once",
        java.time.Duration.ofSeconds(30),
        () ->
            metrics()
                .contains(
                    "lambda_Invocations_total{ExecutedVersion=\"$LATEST\",FunctionName=\""
                        + name
                        + "\",Resource=\""
                        + name
                        + "\"} 1.0"));
  }

  private static String errors(String name, int count) {
    return "lambda_Errors_total{ExecutedVersion=\"$LATEST\",FunctionName=\""
        + name
        + "\",Resource=\""
        + name
        + "\"} "
        + count
        + ".0";
  }

  private static PutEventsRequestEntry entry(String source, String detail) {
    return PutEventsRequestEntry.builder()
        .source(source)
        .detailType("Order")
        .detail(detail)
        .build();
  }
}
