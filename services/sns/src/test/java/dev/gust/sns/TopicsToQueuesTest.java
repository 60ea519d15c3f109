package dev.gust.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.sqs.SqsService;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.NodeExtension;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Real queues as subscribers of topics, on a node that runs queues and topics: filter policies, the
 * JSON notification and raw delivery with its attributes, and FIFO topics' group and deduplication
 * ids, all sent through the real AWS SDK clients.
 */
class TopicsToQueuesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final NodeExtension node = new NodeExtension(List.of(SqsService::open, SnsService::open));

  private SqsClient sqs;
  private SnsClient sns;

  @BeforeEach
  void clients() {
    sqs = AwsClients.sqs(node.url());
    sns = AwsClients.sns(node.url());
  }

  @AfterEach
  void closeClients() {
    sqs.close();
    sns.close();
  }

  @Test
  void aFilterPolicyRoutesOnlyMatchingMessagesToASubscribedQueue() throws IOException {
    String inbox = queue("inbox", Map.of());
    String topic = sns.createTopic(r -> r.name("news")).topicArn();
    sns.subscribe(
        r ->
            r.topicArn(topic)
                .protocol("sqs")
                .endpoint(arn(inbox))
                .attributes(Map.of("FilterPolicy", "{\"kind\":[\"keep\"]}")));
    sns.publish(r -> r.topicArn(topic).message("dropped").messageAttributes(kind("skip")));
    sns.publish(r -> r.topicArn(topic).message("kept").messageAttributes(kind("keep")));

    JsonNode notification = JSON.readTree(receiveOne(inbox).body());
    assertThat(notification.path("Type").asText()).isEqualTo("Notification");
    assertThat(notification.path("Message").asText()).isEqualTo("kept");
    assertThat(notification.at("/MessageAttributes/kind/Type").asText()).isEqualTo("String");
    assertThat(notification.at("/MessageAttributes/kind/Value").asText()).isEqualTo("keep");
    assertThat(sqs.receiveMessage(r -> r.queueUrl(inbox).waitTimeSeconds(1)).messages()).isEmpty();
  }

  @Test
  void rawDeliveryHandsTheQueueTheBareMessageWithItsAttributes() {
    String inbox = queue("raw", Map.of());
    String topic = sns.createTopic(r -> r.name("raw-news")).topicArn();
    sns.subscribe(
        r ->
            r.topicArn(topic)
                .protocol("sqs")
                .endpoint(arn(inbox))
                .attributes(Map.of("RawMessageDelivery", "true")));

    sns.publish(
        r ->
            r.topicArn(topic)
                .message("just the body")
                .messageAttributes(
                    Map.of(
                        "kind",
                        MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue("keep")
                            .build(),
                        "count",
                        MessageAttributeValue.builder().dataType("Number").stringValue("3").build(),
                        "bytes",
                        MessageAttributeValue.builder()
                            .dataType("Binary")
                            .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3}))
                            .build())));

    Message message = receiveOne(inbox);
    assertThat(message.body()).isEqualTo("just the body");
    assertThat(message.messageAttributes().get("kind").stringValue()).isEqualTo("keep");
    assertThat(message.messageAttributes().get("count").stringValue()).isEqualTo("3");
    assertThat(message.messageAttributes().get("bytes").stringValue()).isEqualTo("AQID");
  }

  @Test
  void aFifoTopicNeedsAGroupDeduplicatesAndNumbersWhatItDeliversToAFifoQueue() throws IOException {
    String inbox = queue("orders.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
    String topic =
        sns.createTopic(r -> r.name("orders.fifo").attributes(Map.of("FifoTopic", "true")))
            .topicArn();
    sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(arn(inbox)));

    PublishResponse first =
        sns.publish(
            r ->
                r.topicArn(topic)
                    .message("order 1")
                    .messageGroupId("customer-7")
                    .messageDeduplicationId("order-1"));
    PublishResponse again =
        sns.publish(
            r ->
                r.topicArn(topic)
                    .message("order 1 again")
                    .messageGroupId("customer-7")
                    .messageDeduplicationId("order-1"));
    var batch =
        sns.publishBatch(
            r ->
                r.topicArn(topic)
                    .publishBatchRequestEntries(
                        PublishBatchRequestEntry.builder()
                            .id("two")
                            .message("order 2")
                            .messageGroupId("customer-7")
                            .messageDeduplicationId("order-2")
                            .build(),
                        PublishBatchRequestEntry.builder()
                            .id("no-group")
                            .message("order 3")
                            .messageDeduplicationId("order-3")
                            .build()));

    assertThat(first.sequenceNumber()).hasSize(20);
    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(again.sequenceNumber()).isEqualTo(first.sequenceNumber());
    assertThat(batch.successful())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.id()).isEqualTo("two");
              assertThat(s.sequenceNumber()).isGreaterThan(first.sequenceNumber());
            });
    assertThat(batch.failed())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.id()).isEqualTo("no-group");
              assertThat(f.code()).isEqualTo("InvalidParameter");
              assertThat(f.senderFault()).isTrue();
            });
    JsonNode one = JSON.readTree(receiveOne(inbox).body());
    JsonNode two = JSON.readTree(receiveOne(inbox).body());
    assertThat(one.path("Message").asText()).isEqualTo("order 1");
    assertThat(one.path("SequenceNumber").asText()).isEqualTo(first.sequenceNumber());
    assertThat(two.path("Message").asText()).isEqualTo("order 2");
    assertThat(sqs.receiveMessage(r -> r.queueUrl(inbox).waitTimeSeconds(1)).messages()).isEmpty();
  }

  private static Map<String, MessageAttributeValue> kind(String value) {
    return Map.of(
        "kind", MessageAttributeValue.builder().dataType("String").stringValue(value).build());
  }

  private String queue(String name, Map<QueueAttributeName, String> attributes) {
    return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
  }

  private String arn(String queueUrl) {
    return sqs.getQueueAttributes(
            r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  /** Long-polls until one message arrives, deletes it and returns it. */
  private Message receiveOne(String queueUrl) {
    for (int i = 0; i < 15; i++) {
      List<Message> messages =
          sqs.receiveMessage(
                  r ->
                      r.queueUrl(queueUrl)
                          .waitTimeSeconds(2)
                          .messageAttributeNames("All")
                          .maxNumberOfMessages(1))
              .messages();
      if (!messages.isEmpty()) {
        sqs.deleteMessage(
            r -> r.queueUrl(queueUrl).receiptHandle(messages.getFirst().receiptHandle()));
        return messages.getFirst();
      }
    }
    throw new AssertionError("no message arrived in " + queueUrl);
  }
}
