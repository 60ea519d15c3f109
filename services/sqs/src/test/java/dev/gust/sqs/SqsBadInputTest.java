package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gust.testkit.AwsClients;
import dev.gust.testkit.NodeExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;
import software.amazon.awssdk.services.sqs.model.UnsupportedOperationException;

/** Requests AWS refuses get AWS's errors, as the SDK maps them to its exception types. */
class SqsBadInputTest {

  @RegisterExtension final NodeExtension node = new NodeExtension(List.of(SqsService::open));
  final HttpClient http = HttpClient.newHttpClient();
  SqsClient sqs;
  String url;

  @BeforeEach
  void queue() {
    sqs = AwsClients.sqs(node.url());
    url = sqs.createQueue(r -> r.queueName("strict")).queueUrl();
  }

  @AfterEach
  void closeSqs() {
    sqs.close();
  }

  @Test
  void aMissingQueueIsQueueDoesNotExistWithTheLegacyCode() {
    QueueDoesNotExistException missing =
        catchThrowableOfType(
            QueueDoesNotExistException.class, () -> sqs.getQueueUrl(r -> r.queueName("nowhere")));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.awsErrorDetails().errorCode())
        .isEqualTo("AWS.SimpleQueueService.NonExistentQueue");

    QueueDoesNotExistException send =
        catchThrowableOfType(
            QueueDoesNotExistException.class,
            () ->
                sqs.sendMessage(
                    r -> r.queueUrl(node.url() + "/000000000000/nowhere").messageBody("x")));
    assertThat(send.awsErrorDetails().errorMessage())
        .isEqualTo("The specified queue does not exist.");
  }

  @Test
  void theWireErrorHasTheShapeIdAndTheQueryErrorHeader() throws Exception {
    var reply =
        http.send(
            HttpRequest.newBuilder(URI.create(node.url() + "/"))
                .header("X-Amz-Target", "AmazonSQS.GetQueueUrl")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"QueueName\":\"nowhere\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(reply.statusCode()).isEqualTo(400);
    assertThat(reply.headers().firstValue("x-amzn-query-error"))
        .contains("AWS.SimpleQueueService.NonExistentQueue;Sender");
    assertThat(reply.body())
        .contains("\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\"")
        .contains("\"message\":\"The specified queue does not exist.\"");
  }

  @Test
  void moveTasksAreUnsupportedAndUnknownOperationsAreInvalidActions() throws Exception {
    UnsupportedOperationException move =
        catchThrowableOfType(
            UnsupportedOperationException.class,
            () ->
                sqs.startMessageMoveTask(
                    r -> r.sourceArn("arn:aws:sqs:us-east-1:000000000000:strict")));
    assertThat(move.awsErrorDetails().errorCode())
        .isEqualTo("AWS.SimpleQueueService.UnsupportedOperation");
    assertThat(move.awsErrorDetails().errorMessage())
        .isEqualTo("Gust does not support message move tasks (StartMessageMoveTask).");

    var unknown =
        http.send(
            HttpRequest.newBuilder(URI.create(node.url() + "/"))
                .header("X-Amz-Target", "AmazonSQS.FlyToTheMoon")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.headers().firstValue("x-amzn-query-error")).contains("InvalidAction;Sender");
    assertThat(unknown.body())
        .contains("\"message\":\"The action FlyToTheMoon is not valid for this endpoint.\"");
  }

  @Test
  void membersOfTheWrongTypeAreSerializationErrorsAndAbsentOnesMissingParameters()
      throws Exception {
    var wrongType =
        http.send(
            HttpRequest.newBuilder(URI.create(node.url() + "/"))
                .header("X-Amz-Target", "AmazonSQS.ReceiveMessage")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"QueueUrl\":\"" + url + "\",\"MaxNumberOfMessages\":\"ten\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(wrongType.headers().firstValue("x-amzn-query-error"))
        .contains("SerializationException;Sender");
    assertThat(wrongType.body())
        .contains("\"__type\":\"com.amazon.coral.service#SerializationException\"");

    SqsException noBody =
        catchThrowableOfType(SqsException.class, () -> sqs.sendMessage(r -> r.queueUrl(url)));
    assertThat(noBody.awsErrorDetails().errorCode()).isEqualTo("MissingParameter");
    assertThat(noBody.awsErrorDetails().errorMessage())
        .isEqualTo("The request must contain the parameter MessageBody.");
  }

  @Test
  void aModelConstraintIsReportedAsAwsWordsIt() {
    SqsException refused =
        catchThrowableOfType(
            SqsException.class,
            () ->
                sqs.receiveMessage(
                    r -> r.queueUrl(url).receiveRequestAttemptId("attempt #1 \u00e9")));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(refused.awsErrorDetails().errorMessage())
        .isEqualTo(
            "1 validation error detected: Value 'attempt #1 \u00e9' at 'receiveRequestAttemptId'"
                + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
                + " [\\p{Alnum}\\p{Punct}]*");
    sqs.receiveMessage(r -> r.queueUrl(url).receiveRequestAttemptId("attempt-#1"));
  }

  @Test
  void anOversizedMessageIsRefused() {
    String big = "x".repeat(262_145);
    SqsException tooBig =
        catchThrowableOfType(
            SqsException.class, () -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(big)));
    assertThat(tooBig.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(tooBig.awsErrorDetails().errorMessage())
        .isEqualTo(
            "One or more parameters are invalid. Reason: Message must be shorter than 262144"
                + " bytes.");

    sqs.sendMessage(r -> r.queueUrl(url).messageBody("x".repeat(262_144)));
  }

  @Test
  void batchesAreLimitedToTenEntriesWithDistinctIdsAndAWholeSize() {
    TooManyEntriesInBatchRequestException tooMany =
        catchThrowableOfType(
            TooManyEntriesInBatchRequestException.class,
            () ->
                sqs.sendMessageBatch(
                    r ->
                        r.queueUrl(url)
                            .entries(
                                IntStream.range(0, 11)
                                    .mapToObj(i -> entry("e" + i, "body"))
                                    .toList())));
    assertThat(tooMany.awsErrorDetails().errorCode())
        .isEqualTo("AWS.SimpleQueueService.TooManyEntriesInBatchRequest");

    catchThrowableOfType(
        BatchEntryIdsNotDistinctException.class,
        () -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entry("a", "1"), entry("a", "2"))));
    catchThrowableOfType(
        EmptyBatchRequestException.class,
        () -> sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(java.util.List.of())));

    String half = "y".repeat(140_000);
    SqsException tooLong =
        catchThrowableOfType(
            SqsException.class,
            () ->
                sqs.sendMessageBatch(
                    r -> r.queueUrl(url).entries(entry("a", half), entry("b", half))));
    assertThat(tooLong.awsErrorDetails().errorCode())
        .isEqualTo("AWS.SimpleQueueService.BatchRequestTooLong");
  }

  @Test
  void aBadEntryFailsAloneInABatch() {
    var result =
        sqs.sendMessageBatch(
            r -> r.queueUrl(url).entries(entry("good", "fine"), entry("bad", "\u0000")));

    assertThat(result.successful()).extracting(e -> e.id()).containsExactly("good");
    assertThat(result.failed()).hasSize(1);
    assertThat(result.failed().getFirst().code()).isEqualTo("InvalidMessageContents");
    assertThat(result.failed().getFirst().senderFault()).isTrue();
  }

  @Test
  void invalidNamesAttributesAndContentsAreRefused() {
    SqsException badName =
        catchThrowableOfType(
            SqsException.class, () -> sqs.createQueue(r -> r.queueName("bad name!")));
    assertThat(badName.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    catchThrowableOfType(
        SqsException.class, () -> sqs.createQueue(r -> r.queueName("x".repeat(81))));
    SqsException fifoWithoutSuffix =
        catchThrowableOfType(
            SqsException.class,
            () ->
                sqs.createQueue(
                    r ->
                        r.queueName("plain")
                            .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))));
    assertThat(fifoWithoutSuffix.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    SqsException suffixWithoutFifo =
        catchThrowableOfType(SqsException.class, () -> sqs.createQueue(r -> r.queueName("x.fifo")));
    assertThat(suffixWithoutFifo.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");

    catchThrowableOfType(
        InvalidAttributeValueException.class,
        () ->
            sqs.setQueueAttributes(
                r ->
                    r.queueUrl(url)
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "43201"))));
    catchThrowableOfType(
        InvalidAttributeNameException.class,
        () ->
            sqs.setQueueAttributes(
                r -> r.queueUrl(url).attributesWithStrings(Map.of("Color", "red"))));
    catchThrowableOfType(
        InvalidMessageContentsException.class,
        () -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("bell \u0007")));
    QueueNameExistsException exists =
        catchThrowableOfType(
            QueueNameExistsException.class,
            () ->
                sqs.createQueue(
                    r ->
                        r.queueName("strict")
                            .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "99"))));
    assertThat(exists.awsErrorDetails().errorCode()).isEqualTo("QueueAlreadyExists");
  }

  @Test
  void receiveParametersAndReceiptsAreChecked() {
    SqsException tooMany =
        catchThrowableOfType(
            SqsException.class,
            () -> sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(11)));
    assertThat(tooMany.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    SqsException tooLong =
        catchThrowableOfType(
            SqsException.class, () -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(21)));
    assertThat(tooLong.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    catchThrowableOfType(
        ReceiptHandleIsInvalidException.class,
        () -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle("garbage")));
  }

  @Test
  void fifoRulesAreEnforced() {
    String fifo =
        sqs.createQueue(
                r ->
                    r.queueName("strict.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
            .queueUrl();

    SqsException noGroup =
        catchThrowableOfType(
            SqsException.class,
            () ->
                sqs.sendMessage(
                    r -> r.queueUrl(fifo).messageBody("x").messageDeduplicationId("d")));
    assertThat(noGroup.awsErrorDetails().errorCode()).isEqualTo("MissingParameter");
    SqsException noDedup =
        catchThrowableOfType(
            SqsException.class,
            () -> sqs.sendMessage(r -> r.queueUrl(fifo).messageBody("x").messageGroupId("g")));
    assertThat(noDedup.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    SqsException delayed =
        catchThrowableOfType(
            SqsException.class,
            () ->
                sqs.sendMessage(
                    r ->
                        r.queueUrl(fifo)
                            .messageBody("x")
                            .messageGroupId("g")
                            .messageDeduplicationId("d")
                            .delaySeconds(5)));
    assertThat(delayed.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
  }

  static SendMessageBatchRequestEntry entry(String id, String body) {
    return SendMessageBatchRequestEntry.builder().id(id).messageBody(body).build();
  }
}
