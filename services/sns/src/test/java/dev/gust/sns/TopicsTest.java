package dev.gust.sns;

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
import dev.gust.wire.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicsTest {

  static final Scope SCOPE = Scope.defaultScope();
  static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:q";
  static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dlq";
  static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:f";
  static final String BASE = "http://127.0.0.1:4566";

  @TempDir Path dir;
  final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
  final Recorder queues = new Recorder();
  final Recorder functions = new Recorder();
  Database database;
  Topics topics;

  @BeforeEach
  void open() {
    database = Database.sqlite(dir.resolve("gust.db"));
    Delivery delivery = new Delivery();
    delivery.register(Target.Queue.class, queues);
    delivery.register(Target.Function.class, functions);
    topics = Topics.open(database, delivery, clock, Ownership.everything(), Runnable::run);
  }

  @AfterEach
  void close() {
    topics.close();
    database.close();
  }

  private TopicPublisher.Published publish(
      String topic, String message, Map<String, SnsMessageAttribute> attributes) {
    return topics.publish(
        new TopicPublisher.Request(
            topic,
            message,
            Optional.of("subject"),
            Optional.empty(),
            attributes,
            Optional.empty(),
            Optional.empty()),
        BASE);
  }

  private static JsonNode json(String text) throws Exception {
    return Json.pascalCase().mapper().readTree(text);
  }

  @Test
  void queueGetsAwsEnvelopeAndFunctionGetsSnsEvent() throws Exception {
    String topic = topics.createTopic(SCOPE, "news", Map.of(), Map.of());
    Subscription toQueue = topics.subscribe(topic, "sqs", QUEUE, Map.of(), BASE);
    Subscription toFunction = topics.subscribe(topic, "lambda", FUNCTION, Map.of(), BASE);

    TopicPublisher.Published published =
        publish(topic, "hello", Map.of("color", new SnsMessageAttribute("String", "red")));

    JsonNode envelope = json(queues.bodies().getFirst());
    assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
    assertThat(envelope.get("MessageId").asText()).isEqualTo(published.messageId());
    assertThat(envelope.get("TopicArn").asText()).isEqualTo(topic);
    assertThat(envelope.get("Subject").asText()).isEqualTo("subject");
    assertThat(envelope.get("Message").asText()).isEqualTo("hello");
    assertThat(envelope.get("Timestamp").asText()).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(envelope.get("UnsubscribeURL").asText())
        .startsWith(BASE + "/?Action=Unsubscribe&SubscriptionArn=");
    assertThat(envelope.at("/MessageAttributes/color/Type").asText()).isEqualTo("String");
    assertThat(envelope.at("/MessageAttributes/color/Value").asText()).isEqualTo("red");

    JsonNode record = json(functions.bodies().getFirst()).get("Records").get(0);
    assertThat(record.get("EventSource").asText()).isEqualTo("aws:sns");
    assertThat(record.get("EventSubscriptionArn").asText()).isEqualTo(toFunction.arn());
    assertThat(record.at("/Sns/Message").asText()).isEqualTo("hello");
    assertThat(record.at("/Sns/SignatureVersion").asText()).isEqualTo("1");
    assertThat(record.at("/Sns/SigningCertUrl").asText()).isNotEmpty();
    assertThat(record.at("/Sns/UnsubscribeUrl").asText()).contains("Unsubscribe");
    assertThat(record.at("/Sns/MessageAttributes/color/Value").asText()).isEqualTo("red");
    assertThat(toQueue.confirmed()).isTrue();
  }

  @Test
  void rawDeliveryHandsTheQueueTheBareMessageAndAttributes() {
    String topic = topics.createTopic(SCOPE, "raw", Map.of(), Map.of());
    topics.subscribe(topic, "sqs", QUEUE, Map.of("RawMessageDelivery", "true"), BASE);

    publish(topic, "bare", Map.of("n", new SnsMessageAttribute("Number", "5")));

    assertThat(queues.bodies()).containsExactly("bare");
    assertThat(queues.delivered().getFirst().message().attributes()).containsEntry("n", "5");
  }

  @Test
  void filterPolicyOnAttributesRoutesOnlyMatchingMessages() {
    String topic = topics.createTopic(SCOPE, "orders", Map.of(), Map.of());
    topics.subscribe(
        topic,
        "sqs",
        QUEUE,
        Map.of(
            "FilterPolicy",
            "{\"store\":[\"shop\"],\"price\":[{\"numeric\":[\">=\",100]}],"
                + "\"tags\":[{\"prefix\":\"eu-\"}]}"),
        BASE);

    publish(topic, "match", attrs("shop", "150", "[\"us-1\",\"eu-2\"]"));
    publish(topic, "cheap", attrs("shop", "50", "[\"eu-2\"]"));
    publish(topic, "other store", attrs("market", "150", "[\"eu-2\"]"));
    publish(topic, "no attributes", Map.of());

    assertThat(queues.bodies()).hasSize(1);
    assertThat(queues.bodies().getFirst()).contains("\"Message\":\"match\"");
  }

  private static Map<String, SnsMessageAttribute> attrs(String store, String price, String tags) {
    Map<String, SnsMessageAttribute> out = new LinkedHashMap<>();
    out.put("store", new SnsMessageAttribute("String", store));
    out.put("price", new SnsMessageAttribute("Number", price));
    out.put("tags", new SnsMessageAttribute("String.Array", tags));
    return out;
  }

  @Test
  void filterPolicyOnBodyRoutesOnlyMatchingMessages() {
    String topic = topics.createTopic(SCOPE, "body", Map.of(), Map.of());
    topics.subscribe(
        topic,
        "lambda",
        FUNCTION,
        Map.of(
            "FilterPolicy", "{\"order\":{\"kind\":[{\"anything-but\":[\"test\"]}]}}",
            "FilterPolicyScope", "MessageBody"),
        BASE);

    publish(topic, "{\"order\":{\"kind\":\"real\"}}", Map.of());
    publish(topic, "{\"order\":{\"kind\":\"test\"}}", Map.of());
    publish(topic, "not json", Map.of());

    assertThat(functions.bodies()).singleElement().asString().contains("real");
  }

  @Test
  void fifoTopicNeedsGroupDeduplicatesAndNumbersMessages() {
    String topic =
        topics.createTopic(
            SCOPE,
            "t.fifo",
            Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"),
            Map.of());
    topics.subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q.fifo", Map.of(), BASE);
    assertThatThrownBy(() -> topics.subscribe(topic, "lambda", FUNCTION, Map.of(), BASE))
        .isInstanceOf(AwsException.class);
    assertThatThrownBy(() -> publish(topic, "no group", Map.of()))
        .hasMessageContaining("MessageGroupId");

    TopicPublisher.Published first = fifo(topic, "one");
    TopicPublisher.Published again = fifo(topic, "one");
    TopicPublisher.Published second = fifo(topic, "two");
    clock.advance(Duration.ofMinutes(5));
    TopicPublisher.Published afterWindow = fifo(topic, "one");

    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(second.sequenceNumber().orElseThrow())
        .isGreaterThan(first.sequenceNumber().orElseThrow())
        .hasSize(20);
    assertThat(afterWindow.messageId()).isNotEqualTo(first.messageId());
    assertThat(queues.bodies()).hasSize(3);
    assertThat(queues.bodies().get(0)).contains("\"Message\":\"one\"");
    assertThat(queues.bodies().get(1)).contains("\"Message\":\"two\"");
  }

  private TopicPublisher.Published fifo(String topic, String message) {
    return topics.publish(
        new TopicPublisher.Request(
            topic,
            message,
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            Optional.of("g"),
            Optional.empty()),
        BASE);
  }

  @Test
  void failedDeliveryIsRetriedThenSentToTheRedriveQueue() {
    String topic = topics.createTopic(SCOPE, "retry", Map.of(), Map.of());
    topics.subscribe(
        topic,
        "lambda",
        FUNCTION,
        Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + DLQ + "\"}"),
        BASE);
    functions.failNext(2);

    publish(topic, "eventually", Map.of());
    assertThat(functions.delivered()).isEmpty();
    clock.advance(Duration.ofSeconds(3));
    assertThat(functions.bodies()).singleElement().asString().contains("eventually");
    assertThat(queues.delivered()).isEmpty();
    assertThat(topics.pendingDeliveries()).isZero();
  }

  @Test
  void httpSubscriptionWaitsForConfirmation() {
    String topic = topics.createTopic(SCOPE, "web", Map.of(), Map.of());
    Subscription pending =
        topics.subscribe(topic, "http", "http://127.0.0.1:1/hook", Map.of(), BASE);

    assertThat(pending.confirmed()).isFalse();
    assertThatThrownBy(() -> topics.confirmSubscription(topic, "wrong"))
        .hasMessageContaining("Token");
    assertThat(topics.confirmSubscription(topic, pending.token().orElseThrow()))
        .isEqualTo(pending.arn());
    assertThat(topics.subscriptionAttributes(pending.arn()))
        .containsEntry("PendingConfirmation", "false");
  }

  @Test
  void badInputIsRefusedWithSnsErrors() {
    String topic = topics.createTopic(SCOPE, "bad", Map.of(), Map.of());
    assertThatThrownBy(() -> topics.createTopic(SCOPE, "bad name", Map.of(), Map.of()))
        .extracting(e -> ((AwsException) e).type().code())
        .isEqualTo("InvalidParameter");
    assertThatThrownBy(
            () -> topics.subscribe(topic, "sqs", QUEUE, Map.of("FilterPolicy", "{\"a\":1}"), BASE))
        .hasMessageContaining("FilterPolicy");
    assertThatThrownBy(() -> publish(topic + "x", "m", Map.of()))
        .extracting(e -> ((AwsException) e).type().code())
        .isEqualTo("NotFound");
    assertThatThrownBy(
            () -> publish(topic, "m", Map.of("n", new SnsMessageAttribute("Number", "five"))))
        .extracting(e -> ((AwsException) e).type().code())
        .isEqualTo("InvalidParameterValue");
    assertThat(topics.listTopics(SCOPE)).extracting(Topic::arn).containsExactly(topic);
    assertThat(List.of(topics.createTopic(SCOPE, "bad", Map.of(), Map.of())))
        .containsExactly(topic);
  }
}
