package dev.gust.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.gust.delivery.Delivery;
import dev.gust.delivery.Target;
import dev.gust.testkit.Await;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.NodeExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;

/**
 * SNS through the real AWS SDK client on the query protocol, on a node that runs topics only;
 * deliveries to queues are recorded where a queue service would take them.
 */
class SnsApiTest {

  static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:inbox";

  @RegisterExtension final NodeExtension node = new NodeExtension(List.of(SnsService::open));

  final HttpClient http = HttpClient.newHttpClient();
  SnsClient sns;
  final List<Delivery.Message> queued = new CopyOnWriteArrayList<>();

  @BeforeEach
  void client() {
    sns = AwsClients.sns(node.url());
    node.node()
        .context()
        .delivery()
        .register(Target.Queue.class, (queue, message) -> queued.add(message));
  }

  @AfterEach
  void closeClient() {
    sns.close();
    http.close();
  }

  @Test
  void topicsSubscriptionsAndPublishRoundTrip() {
    String topic =
        sns.createTopic(r -> r.name("news").tags(t -> t.key("team").value("a"))).topicArn();
    assertThat(topic).isEqualTo("arn:aws:sns:us-east-1:000000000000:news");
    assertThat(sns.listTopics().topics()).extracting(t -> t.topicArn()).containsExactly(topic);
    sns.setTopicAttributes(r -> r.topicArn(topic).attributeName("DisplayName").attributeValue("N"));
    assertThat(sns.getTopicAttributes(r -> r.topicArn(topic)).attributes())
        .containsEntry("DisplayName", "N")
        .containsEntry("TopicArn", topic);
    assertThat(sns.listTagsForResource(r -> r.resourceArn(topic)).tags())
        .singleElement()
        .satisfies(t -> assertThat(t.value()).isEqualTo("a"));

    String subscription =
        sns.subscribe(
                r ->
                    r.topicArn(topic)
                        .protocol("sqs")
                        .endpoint(QUEUE)
                        .attributes(Map.of("FilterPolicy", "{\"kind\":[\"keep\"]}")))
            .subscriptionArn();
    assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions())
        .singleElement()
        .satisfies(s -> assertThat(s.subscriptionArn()).isEqualTo(subscription));
    assertThat(sns.getSubscriptionAttributes(r -> r.subscriptionArn(subscription)).attributes())
        .containsEntry("FilterPolicy", "{\"kind\":[\"keep\"]}")
        .containsEntry("Protocol", "sqs");

    String kept =
        sns.publish(
                r ->
                    r.topicArn(topic)
                        .message("hello <world> & co")
                        .messageAttributes(
                            Map.of(
                                "kind",
                                MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue("keep")
                                    .build())))
            .messageId();
    sns.publish(r -> r.topicArn(topic).message("dropped"));
    var batch =
        sns.publishBatch(
            r ->
                r.topicArn(topic)
                    .publishBatchRequestEntries(
                        PublishBatchRequestEntry.builder().id("a").message("one").build(),
                        PublishBatchRequestEntry.builder().id("b").message("").build()));
    assertThat(batch.successful()).extracting(s -> s.id()).containsExactly("a");
    assertThat(batch.failed())
        .singleElement()
        .satisfies(f -> assertThat(f.code()).isEqualTo("InvalidParameter"));

    Await.until("the kept message reaches the queue", () -> !queued.isEmpty());
    assertThat(queued).hasSize(1);
    assertThat(queued.getFirst().body())
        .contains("\"MessageId\":\"" + kept + "\"")
        .contains("hello <world> & co");

    sns.unsubscribe(r -> r.subscriptionArn(subscription));
    assertThat(sns.listSubscriptions().subscriptions()).isEmpty();
    sns.deleteTopic(r -> r.topicArn(topic));
    assertThat(sns.listTopics().topics()).isEmpty();
  }

  @Test
  void httpEndpointConfirmsThroughSubscribeUrlThenReceivesNotifications() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endpoint.createContext(
        "/hook",
        exchange -> {
          received.add(
              exchange.getRequestHeaders().getFirst("x-amz-sns-message-type")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    endpoint.start();
    try {
      String topic = sns.createTopic(r -> r.name("web")).topicArn();
      String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hook";
      assertThat(
              sns.subscribe(r -> r.topicArn(topic).protocol("http").endpoint(url))
                  .subscriptionArn())
          .isEqualTo("pending confirmation");

      Await.until("the confirmation request arrives", () -> !received.isEmpty());
      assertThat(received.getFirst()).startsWith("SubscriptionConfirmation ");
      Matcher subscribeUrl =
          Pattern.compile("\"SubscribeURL\":\"([^\"]+)\"").matcher(received.getFirst());
      assertThat(subscribeUrl.find()).isTrue();
      var confirm =
          http.send(
              java.net.http.HttpRequest.newBuilder(URI.create(subscribeUrl.group(1))).GET().build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(confirm.statusCode()).isEqualTo(200);
      assertThat(confirm.body()).contains("<SubscriptionArn>" + topic + ":");

      sns.publish(r -> r.topicArn(topic).message("to the web").subject("s"));
      Await.until("the notification arrives", () -> received.size() == 2);
      assertThat(received.get(1))
          .startsWith("Notification ")
          .contains("\"Message\":\"to the web\"");
    } finally {
      endpoint.stop(0);
    }
  }

  @Test
  void badInputGetsSnsErrorsAndTheServerKeepsWorking() throws Exception {
    assertThatThrownBy(
            () ->
                sns.publish(
                    r -> r.topicArn("arn:aws:sns:us-east-1:000000000000:none").message("m")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> sns.createTopic(r -> r.name("not valid!")))
        .isInstanceOf(InvalidParameterException.class);
    String topic = sns.createTopic(r -> r.name("t")).topicArn();
    assertThatThrownBy(
            () ->
                sns.subscribe(
                    r ->
                        r.topicArn(topic)
                            .protocol("sqs")
                            .endpoint(QUEUE)
                            .attributes(Map.of("FilterPolicy", "{\"a\": 1}"))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                sns.publishBatch(
                    r ->
                        r.topicArn(topic)
                            .publishBatchRequestEntries(
                                java.util.stream.IntStream.range(0, 11)
                                    .mapToObj(
                                        i ->
                                            PublishBatchRequestEntry.builder()
                                                .id("e" + i)
                                                .message("m")
                                                .build())
                                    .toList())))
        .isInstanceOf(TooManyEntriesInBatchRequestException.class);
    var unknown =
        http.send(
            java.net.http.HttpRequest.newBuilder(URI.create(node.url() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "Action=Nope&Version=2010-03-31"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("<Code>InvalidAction</Code>");

    assertThat(sns.publish(r -> r.topicArn(topic).message("still fine")).messageId()).isNotBlank();
  }
}
