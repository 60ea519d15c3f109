package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Zips;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Code in one sandbox cannot use another environment's Runtime API: a malicious function that
 * learns a victim's Runtime API address (here it is simply told) and dials it is refused, and the
 * victim's invocations stay its own.
 */
class SandboxIsolationTest {

  private static final byte[] CODE =
      Zips.of(
          Map.of(
              "victim.py",
              """
              import os
              def handler(event, context):
                  return os.environ["AWS_LAMBDA_RUNTIME_API"]
              """,
              "attacker.py",
              """
              import http.client
              def attempt(address, method, path):
                  connection = http.client.HTTPConnection(address, timeout=3)
                  try:
                      connection.request(method, path, body=b"{}" if method == "POST" else None)
                      return connection.getresponse().status
                  except OSError as e:
                      return "no answer: " + type(e).__name__
              def handler(event, context):
                  api = "/2018-06-01/runtime/invocation/"
                  return {
                      "next": attempt(event["address"], "GET", api + "next"),
                      "answer": attempt(event["address"], "POST", api + "forged/response"),
                  }
              """));

  @TempDir Path dataDir;

  @ParameterizedTest(name = "{0} backend")
  @ValueSource(strings = {"namespace", "process"})
  void anotherSandboxCannotFetchOrAnswerAnEnvironmentsInvocations(String backend) throws Exception {
    try (LambdaNode server =
            LambdaNode.start(dataDir, LambdaService.Settings.defaults().withSandbox(backend));
        LambdaClient lambda = AwsClients.lambda(server.url())) {
      deploy(lambda, "victim");
      deploy(lambda, "attacker");
      String address = invoke(lambda, "victim", "{}").replace("\"", "");

      String attack = invoke(lambda, "attacker", "{\"address\": \"" + address + "\"}");
      assertThat(attack).isEqualTo("{\"next\": 403, \"answer\": 403}");
      assertThat(invoke(lambda, "victim", "{}"))
          .as("the victim's environment still serves its own invocations")
          .isEqualTo("\"" + address + "\"");
    }
  }

  private static void deploy(LambdaClient lambda, String name) {
    lambda.createFunction(
        r ->
            r.functionName(name)
                .runtime("python3.13")
                .handler(name + ".handler")
                .role(LambdaTestBase.ROLE)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(CODE))));
    try (LambdaWaiter waiter = AwsClients.waiter(lambda)) {
      waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
    }
  }

  private static String invoke(LambdaClient lambda, String name, String payload) {
    return lambda
        .invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)))
        .payload()
        .asUtf8String();
  }
}
