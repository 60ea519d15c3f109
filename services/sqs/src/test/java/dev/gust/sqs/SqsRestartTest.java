package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Scheduler;
import dev.gust.http.Node;
import dev.gust.testkit.AwsClients;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Acknowledged messages are in the store: a node started again on its data has them. */
class SqsRestartTest {

  @TempDir Path dataDir;

  @Test
  void messagesSurviveARestart() {
    try (Node node = start();
        SqsClient sqs = AwsClients.sqs(node.url())) {
      String url = sqs.createQueue(r -> r.queueName("durable")).queueUrl();
      sqs.sendMessageBatch(
          r ->
              r.queueUrl(url)
                  .entries(
                      e -> e.id("a").messageBody("first"), e -> e.id("b").messageBody("second")));
    }

    try (Node node = start();
        SqsClient sqs = AwsClients.sqs(node.url())) {
      String again = sqs.getQueueUrl(r -> r.queueName("durable")).queueUrl();

      assertThat(sqs.receiveMessage(r -> r.queueUrl(again).maxNumberOfMessages(10)).messages())
          .extracting(Message::body)
          .containsExactlyInAnyOrder("first", "second");
    }
  }

  private Node start() {
    return Node.start(
        new Node.Settings("127.0.0.1", 0, dataDir), Scheduler.system(), List.of(SqsService::open));
  }
}
