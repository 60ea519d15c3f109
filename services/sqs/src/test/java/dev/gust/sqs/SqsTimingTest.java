package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.Await;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.FakeClock;
import dev.gust.testkit.NodeExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Queue timing through the SDK on a node whose clock only moves when the test advances it:
 * visibility timeouts, redrive, delays and long polls, without waiting for real time.
 */
class SqsTimingTest {

  final FakeClock clock = FakeClock.at("2025-06-01T12:00:00Z");

  @RegisterExtension final NodeExtension node = new NodeExtension(List.of(SqsService::open), clock);

  SqsClient sqs;

  @BeforeEach
  void client() {
    sqs = AwsClients.sqs(node.url());
  }

  @AfterEach
  void closeSqs() {
    sqs.close();
  }

  @Test
  void anUndeletedMessageReturnsAfterItsVisibilityTimeoutAndThenGoesToTheDeadLetterQueue() {
    String dlq = sqs.createQueue(r -> r.queueName("jobs-dlq")).queueUrl();
    String dlqArn =
        sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String url =
        sqs.createQueue(
                r ->
                    r.queueName("jobs")
                        .attributes(
                            Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                "30",
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\""
                                    + dlqArn
                                    + "\",\"maxReceiveCount\":\"2\"}")))
            .queueUrl();
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("poison"));

    assertThat(receive(url)).extracting(Message::body).containsExactly("poison");
    clock.advance(Duration.ofSeconds(29));
    assertThat(receive(url)).as("still in flight").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    List<Message> second = receive(url);
    assertThat(second.getFirst().attributesAsStrings())
        .containsEntry("ApproximateReceiveCount", "2");
    clock.advance(Duration.ofSeconds(30));

    assertThat(receive(url)).as("the third receive moves it instead").isEmpty();
    Await.until("the dead-letter queue has it", () -> count(dlq) == 1);
    Message moved = receive(dlq).getFirst();
    assertThat(moved.body()).isEqualTo("poison");
    assertThat(moved.messageId()).isEqualTo(second.getFirst().messageId());
    assertThat(moved.attributesAsStrings()).containsEntry("DeadLetterQueueSourceArn", arn(url));
    assertThat(sqs.listDeadLetterSourceQueues(r -> r.queueUrl(dlq)).queueUrls())
        .containsExactly(url);
  }

  @Test
  void delayedMessagesAreCountedAsDelayedUntilTheirTime() {
    String url = sqs.createQueue(r -> r.queueName("later")).queueUrl();
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("in a minute").delaySeconds(60));

    assertThat(attributes(url))
        .containsEntry("ApproximateNumberOfMessagesDelayed", "1")
        .containsEntry("ApproximateNumberOfMessages", "0");
    assertThat(receive(url)).isEmpty();
    clock.advance(Duration.ofSeconds(60));
    assertThat(receive(url)).extracting(Message::body).containsExactly("in a minute");
  }

  @Test
  void aLongPollIsWokenBySendAndOtherwiseEndsAtItsDeadline() throws Exception {
    String url =
        sqs.createQueue(
                r ->
                    r.queueName("poll")
                        .attributes(
                            Map.of(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "20")))
            .queueUrl();

    int before = clock.pendingTasks();
    CompletableFuture<List<Message>> woken = CompletableFuture.supplyAsync(() -> receive(url));
    Await.until("the poll waits", () -> clock.pendingTasks() > before);
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("ding"));
    assertThat(woken.get(10, TimeUnit.SECONDS))
        .as("answered by the send while the fake clock stood still")
        .extracting(Message::body)
        .containsExactly("ding");

    int waiting = clock.pendingTasks();
    CompletableFuture<List<Message>> idle = CompletableFuture.supplyAsync(() -> receive(url));
    Await.until("the second poll waits", () -> clock.pendingTasks() > waiting);
    assertThat(idle).isNotDone();
    clock.advance(Duration.ofSeconds(20));
    assertThat(idle.get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void messagesExpireAfterTheRetentionPeriod() {
    String url =
        sqs.createQueue(
                r ->
                    r.queueName("short")
                        .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60")))
            .queueUrl();
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("stale"));

    clock.advance(Duration.ofSeconds(60));

    assertThat(attributes(url)).containsEntry("ApproximateNumberOfMessages", "0");
    assertThat(receive(url)).isEmpty();
  }

  List<Message> receive(String url) {
    return sqs.receiveMessage(
            r ->
                r.queueUrl(url)
                    .maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
        .messages();
  }

  Map<String, String> attributes(String url) {
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
        .attributesAsStrings();
  }

  int count(String url) {
    return Integer.parseInt(attributes(url).get("ApproximateNumberOfMessages"));
  }

  String arn(String url) {
    return attributes(url).get("QueueArn");
  }
}
