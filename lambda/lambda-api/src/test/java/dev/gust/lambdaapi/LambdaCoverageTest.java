package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.Coverage;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The management model declares every operation of AWS's Lambda, as the AWS SDK lists them, that
 * the invoke side does not: served, or bound to its path as not served yet, so that none reaches a
 * client as an unknown path.
 */
class LambdaCoverageTest {

  /**
   * Invoke, provisioned concurrency and event invoke configs, declared by their own API ({@code
   * InvokeWithResponseStream} too, which only the SDK's asynchronous client lists).
   */
  private static final Set<String> INVOKE_SIDE =
      Set.of(
          "Invoke",
          "PutProvisionedConcurrencyConfig",
          "GetProvisionedConcurrencyConfig",
          "DeleteProvisionedConcurrencyConfig",
          "ListProvisionedConcurrencyConfigs",
          "PutFunctionEventInvokeConfig",
          "GetFunctionEventInvokeConfig",
          "UpdateFunctionEventInvokeConfig",
          "DeleteFunctionEventInvokeConfig",
          "ListFunctionEventInvokeConfigs");

  @Test
  void everyAwsOperationIsServedOrDeclaredUnsupported() {
    Set<String> declared = new TreeSet<>(LambdaModel.MODEL.served());
    declared.addAll(LambdaModel.MODEL.unsupported());
    declared.addAll(INVOKE_SIDE);

    assertThat(declared).isEqualTo(Coverage.awsOperations(LambdaClient.class));
    assertThat(LambdaModel.MODEL.served()).hasSize(21).doesNotContainAnyElementsOf(INVOKE_SIDE);
    assertThat(LambdaModel.MODEL.unsupported())
        .hasSize(52)
        .contains("AddPermission", "CreateEventSourceMapping", "PublishLayerVersion")
        .doesNotContainAnyElementsOf(INVOKE_SIDE);
  }
}
