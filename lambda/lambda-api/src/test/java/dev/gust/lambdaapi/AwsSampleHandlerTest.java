package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.JavaFunctions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * An SQS consumer written as AWS's developer guide shows it (a {@code RequestHandler<SQSEvent,
 * SQSBatchResponse>} from {@code aws-lambda-java-events}, reporting partial batch failures) runs
 * unmodified on the {@code java17} runtime, fed the event exactly as Lambda's SQS poller sends it.
 */
class AwsSampleHandlerTest extends LambdaTestBase {

  private static final String SQS_EVENT =
      """
      {"Records": [
        {"messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
         "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
         "body": "hello",
         "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1545082649183",
           "SenderId": "AIDAIENQZJOLO23YVJ4VO",
           "ApproximateFirstReceiveTimestamp": "1545082649185"},
         "messageAttributes": {"tenant": {"stringValue": "t1", "stringListValues": [],
           "binaryListValues": [], "dataType": "String"}},
         "md5OfBody": "5d41402abc4b2a76b9719d911017c592",
         "eventSource": "aws:sqs",
         "eventSourceARN": "arn:aws:sqs:us-east-1:000000000000:my-queue",
         "awsRegion": "us-east-1"},
        {"messageId": "2e1424d4-f796-459a-8184-9c92662be6da",
         "receiptHandle": "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...",
         "body": "fail",
         "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1545082650636",
           "SenderId": "AIDAIENQZJOLO23YVJ4VO",
           "ApproximateFirstReceiveTimestamp": "1545082650649"},
         "messageAttributes": {},
         "md5OfBody": "e7d31fc0602fb2ede144d18cdffd816b",
         "eventSource": "aws:sqs",
         "eventSourceARN": "arn:aws:sqs:us-east-1:000000000000:my-queue",
         "awsRegion": "us-east-1"}
      ]}
      """;

  @Test
  void theDeveloperGuidesSqsHandlerReportsPartialBatchFailures() {
    lambda.createFunction(
        function("sqs-consumer")
            .runtime("java17")
            .handler(JavaFunctions.sqsHandler())
            .memorySize(512)
            .timeout(30)
            .code(c -> c.zipFile(SdkBytes.fromByteArray(JavaFunctions.zip())))
            .build());
    waiter.waitUntilFunctionActiveV2(r -> r.functionName("sqs-consumer"));

    InvokeResponse reply =
        lambda.invoke(
            r ->
                r.functionName("sqs-consumer")
                    .logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String(SQS_EVENT)));

    assertThat(reply.functionError()).as(reply.payload().asUtf8String()).isNull();
    assertThat(reply.payload().asUtf8String())
        .isEqualTo(
            "{\"batchItemFailures\":[{\"itemIdentifier\":"
                + "\"2e1424d4-f796-459a-8184-9c92662be6da\"}]}");
    assertThat(new String(Base64.getDecoder().decode(reply.logResult()), StandardCharsets.UTF_8))
        .contains("processing 059f36b4-87a3-44ab-83d2-661975830a7d")
        .contains("processing 2e1424d4-f796-459a-8184-9c92662be6da");
  }
}
