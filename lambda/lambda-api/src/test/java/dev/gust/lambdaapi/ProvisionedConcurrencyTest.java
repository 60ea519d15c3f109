package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.Await;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Zips;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;

/**
 * Provisioned concurrency end to end: the configuration reaches {@code READY} once its environments
 * are initialized, invocations of the alias run there without a cold start, the configuration is
 * provisioned again after a restart, and deleting it returns the alias to on-demand environments.
 */
class ProvisionedConcurrencyTest extends LambdaTestBase {

  private static final String CODE =
      "import os\nTYPE = os.environ['AWS_LAMBDA_INITIALIZATION_TYPE']\n"
          + "def handler(event, context):\n    return TYPE\n";

  @Test
  void provisionedEnvironmentsServeTheAliasWithoutColdStarts() {
    lambda.createFunction(
        function("warm")
            .handler("app.handler")
            .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(java.util.Map.of("app.py", CODE)))))
            .build());
    waiter.waitUntilFunctionActiveV2(r -> r.functionName("warm"));
    lambda.publishVersion(r -> r.functionName("warm"));
    lambda.createAlias(r -> r.functionName("warm").name("live").functionVersion("1"));
    lambda.putProvisionedConcurrencyConfig(
        r -> r.functionName("warm").qualifier("live").provisionedConcurrentExecutions(2));
    awaitReady();
    assertThat(
            lambda
                .getProvisionedConcurrencyConfig(r -> r.functionName("warm").qualifier("live"))
                .allocatedProvisionedConcurrentExecutions())
        .isEqualTo(2);

    for (int i = 0; i < 3; i++) {
      InvokeResponse reply = invokeLive();
      assertThat(reply.payload().asUtf8String()).isEqualTo("\"provisioned-concurrency\"");
      assertThat(log(reply)).contains("REPORT").doesNotContain("Init Duration");
    }
    // Unqualified calls do not use the alias's provisioned environments.
    assertThat(lambda.invoke(r -> r.functionName("warm")).payload().asUtf8String())
        .isEqualTo("\"on-demand\"");

    // After a restart the stored configuration is provisioned again.
    lambda.close();
    server.close();
    server = LambdaNode.start(dataDir, settings());
    lambda = AwsClients.lambda(server.url());
    awaitReady();
    assertThat(log(invokeLive())).doesNotContain("Init Duration");

    lambda.deleteProvisionedConcurrencyConfig(r -> r.functionName("warm").qualifier("live"));
    Await.until(
        "the alias runs on demand",
        Duration.ofSeconds(30),
        () -> invokeLive().payload().asUtf8String().equals("\"on-demand\""));
  }

  private InvokeResponse invokeLive() {
    return lambda.invoke(r -> r.functionName("warm").qualifier("live").logType(LogType.TAIL));
  }

  private static String log(InvokeResponse reply) {
    return new String(Base64.getDecoder().decode(reply.logResult()), StandardCharsets.UTF_8);
  }

  private void awaitReady() {
    Await.until(
        "provisioned concurrency is READY",
        Duration.ofSeconds(30),
        () ->
            lambda
                    .getProvisionedConcurrencyConfig(r -> r.functionName("warm").qualifier("live"))
                    .status()
                == ProvisionedConcurrencyStatusEnum.READY);
  }
}
