package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Scope;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.Registry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * A function's dead-letter target ({@code DeadLetterConfig}) through CreateFunction,
 * UpdateFunctionConfiguration and GetFunctionConfiguration, driven by the AWS SDK, and as the
 * asynchronous invocation path reads it from the registry.
 */
class DeadLetterConfigTest extends ServerTestBase {

  private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders-dlq";
  private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:orders-dlq";

  @Test
  void aQueueOrTopicIsKeptPublishedWithAVersionAndRemovedByAnEmptyArn() {
    lambda.createFunction(function("orders").deadLetterConfig(d -> d.targetArn(QUEUE)).build());
    waiter.waitUntilFunctionActiveV2(r -> r.functionName("orders"));
    assertThat(configuration("orders").deadLetterConfig().targetArn()).isEqualTo(QUEUE);

    lambda.updateFunctionConfiguration(
        r -> r.functionName("orders").deadLetterConfig(d -> d.targetArn(TOPIC)));
    awaitUpdated("orders");
    assertThat(configuration("orders").deadLetterConfig().targetArn()).isEqualTo(TOPIC);
    lambda.publishVersion(r -> r.functionName("orders"));
    assertThat(
            server
                .registry()
                .lookup(Scope.defaultScope(), FunctionRef.unqualified("orders").withQualifier("1")))
        .as("what the asynchronous path reads of version 1")
        .isInstanceOfSatisfying(
            Registry.Lookup.Found.class,
            found -> assertThat(found.resolved().version().deadLetterTargetArn()).contains(TOPIC));

    lambda.updateFunctionConfiguration(
        r -> r.functionName("orders").deadLetterConfig(d -> d.targetArn("")));
    awaitUpdated("orders");
    assertThat(configuration("orders").deadLetterConfig()).isNull();
    assertThat(
            lambda
                .getFunctionConfiguration(r -> r.functionName("orders").qualifier("1"))
                .deadLetterConfig()
                .targetArn())
        .as("a published version keeps its target")
        .isEqualTo(TOPIC);
  }

  @Test
  void onlySqsQueuesAndSnsTopicsCanBeDeadLetterTargets() {
    String function = "arn:aws:lambda:us-east-1:000000000000:function:audit";
    assertThatThrownBy(
            () ->
                lambda.createFunction(
                    function("orders").deadLetterConfig(d -> d.targetArn(function)).build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Invalid dead letter queue ARN: " + function);
    createActive("orders");
    for (String bad :
        new String[] {
          "arn:aws:events:us-east-1:000000000000:event-bus/default",
          "arn:aws:sqs:us-east-1:000000000000:",
          "arn:aws:sns::000000000000:topic"
        }) {
      assertThatThrownBy(
              () ->
                  lambda.updateFunctionConfiguration(
                      r -> r.functionName("orders").deadLetterConfig(d -> d.targetArn(bad))))
          .as(bad)
          .isInstanceOf(InvalidParameterValueException.class);
    }
    assertThatThrownBy(
            () ->
                lambda.updateFunctionConfiguration(
                    r -> r.functionName("orders").deadLetterConfig(d -> d.targetArn("orders-dlq"))))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("'deadLetterConfig.targetArn'");
            });
    assertThat(configuration("orders").deadLetterConfig()).isNull();
  }

  private GetFunctionConfigurationResponse configuration(String name) {
    return lambda.getFunctionConfiguration(r -> r.functionName(name));
  }
}
