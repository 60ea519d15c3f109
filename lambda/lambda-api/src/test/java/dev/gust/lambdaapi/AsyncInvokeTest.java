package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.testkit.Await;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** {@code InvocationType: Event} through the AWS SDK: accepted with 202, then run. */
class AsyncInvokeTest extends LambdaTestBase {

  @Test
  void anEventIsAcceptedWith202AndThenRuns() {
    createActive("later");
    InvokeResponse response =
        lambda.invoke(
            r ->
                r.functionName("later")
                    .invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"n\":1}")));
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.payload().asByteArray()).isEmpty();
    assertThat(response.functionError()).isNull();
    Await.until(
        "the event ran",
        () ->
            metrics()
                .contains(
                    "lambda_Invocations_total{ExecutedVersion=\"$LATEST\",FunctionName=\"later\","
                        + "Resource=\"later\"} 1.0"));
    assertThat(metrics())
        .contains(
            "lambda_AsyncEventsReceived_total{FunctionName=\"later\",Resource=\"later\"} 1.0");
  }

  @Test
  void anEventLargerThanOneMegabyteIsRefused() {
    createActive("small");
    String big = "\"" + "a".repeat(1_048_577 - 2) + "\"";
    assertThat(big.getBytes(StandardCharsets.UTF_8)).hasSize(1_048_577);
    assertThatThrownBy(
            () ->
                lambda.invoke(
                    r ->
                        r.functionName("small")
                            .invocationType(InvocationType.EVENT)
                            .payload(SdkBytes.fromUtf8String(big))))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(413);
              assertThat(e.awsErrorDetails().errorCode())
                  .isEqualTo("RequestEntityTooLargeException");
            });
    assertThat(metrics()).doesNotContain("lambda_AsyncEventsReceived_total{FunctionName=\"small\"");
  }

  @Test
  void anEventForAMissingFunctionIsRefusedAndNotStored() {
    assertThatThrownBy(
            () ->
                lambda.invoke(r -> r.functionName("missing").invocationType(InvocationType.EVENT)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(metrics()).doesNotContain("lambda_AsyncEventsReceived_total");
  }

  @Test
  void aFailedEventWithoutRetriesGoesToItsFailureDestinationFunction() {
    lambda.createFunction(
        function("fails")
            .code(c -> c.zipFile(SdkBytes.fromByteArray(dev.gust.testkit.Zips.python("1/0"))))
            .build());
    waiter.waitUntilFunctionActiveV2(r -> r.functionName("fails"));
    createActive("on-failure");
    String destination =
        lambda.getFunction(r -> r.functionName("on-failure")).configuration().functionArn();
    lambda.putFunctionEventInvokeConfig(
        r ->
            r.functionName("fails")
                .maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(destination))));
    lambda.invoke(r -> r.functionName("fails").invocationType(InvocationType.EVENT));
    Await.until(
        "the failure destination ran",
        () ->
            metrics()
                .contains(
                    "lambda_Invocations_total{ExecutedVersion=\"$LATEST\",FunctionName=\"on-failure\","
                        + "Resource=\"on-failure\"} 1.0"));
    assertThat(metrics())
        .contains(
            "lambda_Errors_total{ExecutedVersion=\"$LATEST\",FunctionName=\"fails\","
                + "Resource=\"fails\"} 1.0");
  }
}
