package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.AwsClients;
import dev.gust.testkit.NodeExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** The SQS API through the real AWS SDK: queues, messages, attributes and their checksums. */
class SqsApiTest {

  @RegisterExtension final NodeExtension node = new NodeExtension(List.of(SqsService::open));
  SqsClient sqs;

  @BeforeEach
  void sqsClient() {
    sqs = AwsClients.sqs(node.url());
  }

  @AfterEach
  void closeSqs() {
    sqs.close();
  }

  String create(String name, Map<QueueAttributeName, String> attributes) {
    return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
  }

  @Test
  void queuesAreCreatedListedDescribedAndDeleted() {
    String url =
        sqs.createQueue(
                r ->
                    r.queueName("orders")
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45"))
                        .tags(Map.of("team", "payments")))
            .queueUrl();
    assertThat(url).isEqualTo(node.url() + "/000000000000/orders");
    assertThat(sqs.createQueue(r -> r.queueName("orders")).queueUrl())
        .as("CreateQueue is idempotent")
        .isEqualTo(url);
    create("orders-dlq", Map.of());
    create("other", Map.of());

    assertThat(sqs.getQueueUrl(r -> r.queueName("orders")).queueUrl()).isEqualTo(url);
    assertThat(sqs.listQueues(r -> r.queueNamePrefix("orders")).queueUrls())
        .containsExactly(url, node.url() + "/000000000000/orders-dlq");
    assertThat(sqs.listQueues().queueUrls()).hasSize(3);

    Map<String, String> attributes =
        sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
            .attributesAsStrings();
    assertThat(attributes)
        .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:orders")
        .containsEntry("VisibilityTimeout", "45")
        .containsEntry("MaximumMessageSize", "262144")
        .containsEntry("MessageRetentionPeriod", "345600")
        .containsEntry("DelaySeconds", "0")
        .containsEntry("ReceiveMessageWaitTimeSeconds", "0")
        .containsEntry("ApproximateNumberOfMessages", "0")
        .containsEntry("ApproximateNumberOfMessagesNotVisible", "0")
        .containsEntry("ApproximateNumberOfMessagesDelayed", "0")
        .containsKeys("CreatedTimestamp", "LastModifiedTimestamp")
        .doesNotContainKey("FifoQueue");

    sqs.setQueueAttributes(
        r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "5")));
    assertThat(
            sqs.getQueueAttributes(
                    r -> r.queueUrl(url).attributeNames(QueueAttributeName.DELAY_SECONDS))
                .attributesAsStrings())
        .isEqualTo(Map.of("DelaySeconds", "5"));

    sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of("env", "test")));
    sqs.untagQueue(r -> r.queueUrl(url).tagKeys("team"));
    assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).isEqualTo(Map.of("env", "test"));

    sqs.addPermission(
        r ->
            r.queueUrl(url)
                .label("reader")
                .awsAccountIds("111122223333")
                .actions("ReceiveMessage"));
    assertThat(
            sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.POLICY))
                .attributesAsStrings()
                .get("Policy"))
        .contains("\"Sid\":\"reader\"", "arn:aws:iam::111122223333:root", "SQS:ReceiveMessage");
    sqs.removePermission(r -> r.queueUrl(url).label("reader"));

    sqs.deleteQueue(r -> r.queueUrl(url));
    assertThat(sqs.listQueues().queueUrls()).hasSize(2).doesNotContain(url);
  }

  @Test
  void listQueuesPagesWithMaxResults() {
    IntStream.range(0, 5).forEach(i -> create("page-" + i, Map.of()));

    var first = sqs.listQueues(r -> r.queueNamePrefix("page-").maxResults(2));
    var second =
        sqs.listQueues(r -> r.queueNamePrefix("page-").maxResults(2).nextToken(first.nextToken()));
    var third =
        sqs.listQueues(r -> r.queueNamePrefix("page-").maxResults(2).nextToken(second.nextToken()));

    assertThat(first.queueUrls()).hasSize(2);
    assertThat(second.queueUrls()).hasSize(2).doesNotContainAnyElementsOf(first.queueUrls());
    assertThat(third.queueUrls()).hasSize(1);
    assertThat(third.nextToken()).isNull();
  }

  @Test
  void messagesCarryTheirAttributesAndChecksums() {
    String url = create("attributes", Map.of());
    Map<String, MessageAttributeValue> attributes =
        Map.of(
            "city",
            MessageAttributeValue.builder().dataType("String").stringValue("Zürich").build(),
            "count",
            MessageAttributeValue.builder().dataType("Number").stringValue("42").build(),
            "blob",
            MessageAttributeValue.builder()
                .dataType("Binary.gzip")
                .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3}))
                .build());

    // The SDK checks MD5OfMessageBody and MD5OfMessageAttributes of sends and receives.
    SendMessageResponse sent =
        sqs.sendMessage(
            r ->
                r.queueUrl(url)
                    .messageBody("héllo {\"json\": true}")
                    .messageAttributes(attributes));
    assertThat(sent.md5OfMessageBody()).isEqualTo(md5("héllo {\"json\": true}"));
    assertThat(sent.md5OfMessageAttributes()).hasSize(32);

    ReceiveMessageResponse received =
        sqs.receiveMessage(
            r ->
                r.queueUrl(url)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL));
    Message message = received.messages().getFirst();
    assertThat(message.messageId()).isEqualTo(sent.messageId());
    assertThat(message.body()).isEqualTo("héllo {\"json\": true}");
    assertThat(message.messageAttributes()).isEqualTo(attributes);
    assertThat(message.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
    assertThat(message.attributesAsStrings())
        .containsEntry("ApproximateReceiveCount", "1")
        .containsEntry("SenderId", "test")
        .containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp");

    sqs.changeMessageVisibility(
        r -> r.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
    Message subset =
        sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("city", "co.*"))
            .messages()
            .getFirst();
    assertThat(subset.messageAttributes()).containsOnlyKeys("city");
    assertThat(subset.md5OfMessageAttributes()).isNotEqualTo(sent.md5OfMessageAttributes());

    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(subset.receiptHandle()));
    assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
  }

  @Test
  void batchesSendReceiveAndDeleteTenAtATime() {
    String url = create("batches", Map.of());
    SendMessageBatchResponse sent =
        sqs.sendMessageBatch(
            r ->
                r.queueUrl(url)
                    .entries(
                        IntStream.range(0, 10)
                            .mapToObj(
                                i ->
                                    software.amazon.awssdk.services.sqs.model
                                        .SendMessageBatchRequestEntry.builder()
                                        .id("m" + i)
                                        .messageBody("body " + i)
                                        .messageAttributes(
                                            Map.of(
                                                "i",
                                                MessageAttributeValue.builder()
                                                    .dataType("Number")
                                                    .stringValue(String.valueOf(i))
                                                    .build()))
                                        .build())
                            .toList()));
    assertThat(sent.successful()).hasSize(10);
    assertThat(sent.failed()).isEmpty();

    List<Message> received =
        sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
    assertThat(received).hasSize(10);
    assertThat(
            sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings())
        .containsEntry("ApproximateNumberOfMessages", "0")
        .containsEntry("ApproximateNumberOfMessagesNotVisible", "10");

    var visibility =
        sqs.changeMessageVisibilityBatch(
            r ->
                r.queueUrl(url)
                    .entries(
                        e ->
                            e.id("a")
                                .receiptHandle(received.get(0).receiptHandle())
                                .visibilityTimeout(60),
                        e -> e.id("b").receiptHandle("not-a-handle").visibilityTimeout(60)));
    assertThat(visibility.successful()).extracting(e -> e.id()).containsExactly("a");
    assertThat(visibility.failed())
        .extracting(e -> e.code())
        .containsExactly("ReceiptHandleIsInvalid");

    var deleted =
        sqs.deleteMessageBatch(
            r ->
                r.queueUrl(url)
                    .entries(
                        received.stream()
                            .map(
                                m ->
                                    software.amazon.awssdk.services.sqs.model
                                        .DeleteMessageBatchRequestEntry.builder()
                                        .id(m.messageId())
                                        .receiptHandle(m.receiptHandle())
                                        .build())
                            .toList()));
    assertThat(deleted.successful()).hasSize(10);
    assertThat(
            sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings())
        .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
  }

  @Test
  void fifoQueuesKeepOrderPerGroupAndDropDuplicates() {
    String url =
        create(
            "orders.fifo",
            Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
    List<String> sequence = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      sequence.add(
          sqs.sendMessage(r -> r.queueUrl(url).messageBody("order " + n).messageGroupId("customer"))
              .sequenceNumber());
    }
    SendMessageResponse duplicate =
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("order 0").messageGroupId("customer"));
    assertThat(sequence).isSorted().doesNotHaveDuplicates();
    assertThat(duplicate.sequenceNumber()).isEqualTo(sequence.getFirst());

    List<Message> first =
        sqs.receiveMessage(
                r ->
                    r.queueUrl(url)
                        .maxNumberOfMessages(3)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    assertThat(first).extracting(Message::body).containsExactly("order 0", "order 1", "order 2");
    assertThat(first.getFirst().attributesAsStrings())
        .containsEntry("MessageGroupId", "customer")
        .containsEntry("SequenceNumber", sequence.getFirst())
        .containsKey("MessageDeduplicationId");
    assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages())
        .as("the group is blocked while messages are in flight")
        .isEmpty();

    first.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())));
    assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages())
        .extracting(Message::body)
        .containsExactly("order 3", "order 4");
  }

  static String md5(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("MD5")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
