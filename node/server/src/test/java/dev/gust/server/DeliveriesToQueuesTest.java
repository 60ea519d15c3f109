package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Zips;
import dev.gust.wire.Json;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Real queues as the far end of the asynchronous path: an asynchronous failure destination and a
 * dead-letter queue. Topics delivering to queues are tested in the sns module.
 */
class DeliveriesToQueuesTest extends ServerTestBase {

  private SqsClient sqs;

  @BeforeEach
  void client() {
    sqs = AwsClients.sqs(server.url());
  }

  @AfterEach
  void closeClient() {
    sqs.close();
  }

  @Test
  void aFailedEventReachesItsFailureDestinationQueueAndItsDeadLetterQueue() throws IOException {
    String destination = queue("failures");
    String deadLetters = queue("dead-letters");
    lambda.createFunction(
        function("fails")
            .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.python("1/0"))))
            .deadLetterConfig(d -> d.targetArn(arn(deadLetters)))
            .build());
    waiter.waitUntilFunctionActiveV2(r -> r.functionName("fails"));
    lambda.putFunctionEventInvokeConfig(
        r ->
            r.functionName("fails")
                .maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(arn(destination)))));
    String requestId =
        lambda
            .invoke(
                r ->
                    r.functionName("fails")
                        .invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String("{\"order\":7}")))
            .responseMetadata()
            .requestId();

    JsonNode record = Json.camelCase().mapper().readTree(receiveOne(destination).body());
    assertThat(record.at("/requestContext/requestId").asText()).isEqualTo(requestId);
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
    assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(record.at("/requestPayload/order").asInt()).isEqualTo(7);
    assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
    assertThat(record.at("/responsePayload/errorType").asText()).isEqualTo("ZeroDivisionError");

    Message dead = receiveOne(deadLetters);
    assertThat(dead.body()).isEqualTo("{\"order\":7}");
    assertThat(dead.messageAttributes().get("RequestID").stringValue()).isEqualTo(requestId);
    assertThat(dead.messageAttributes().get("ErrorCode").stringValue()).isEqualTo("200");
    assertThat(dead.messageAttributes().get("ErrorMessage").stringValue())
        .contains("division by zero");
  }

  private String queue(String name) {
    return sqs.createQueue(r -> r.queueName(name)).queueUrl();
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
