package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A storm of cold starts: a hundred distinct functions invoked at once are all answered, each by
 * its own new environment, without deadlock.
 */
class ColdStartStormTest extends LambdaTestBase {

  private static final int FUNCTIONS = 100;

  @Test
  void aHundredFunctionsInvokedAtOnceAreAllAnswered() throws Exception {
    for (int i = 0; i < FUNCTIONS; i++) {
      lambda.createFunction(
          function("storm-" + i)
              .code(
                  c ->
                      c.zipFile(
                          software.amazon.awssdk.core.SdkBytes.fromByteArray(
                              dev.gust.testkit.Zips.python("{'pid': __import__('os').getpid()}"))))
              .build());
    }
    for (int i = 0; i < FUNCTIONS; i++) {
      int n = i;
      waiter.waitUntilFunctionActiveV2(r -> r.functionName("storm-" + n));
    }
    List<Future<InvokeResponse>> calls = new ArrayList<>();
    try (LambdaClient wide = AwsClients.lambda(server.url(), FUNCTIONS);
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < FUNCTIONS; i++) {
        String name = "storm-" + i;
        calls.add(clients.submit(() -> wide.invoke(r -> r.functionName(name))));
      }
      List<String> pids = new ArrayList<>();
      for (Future<InvokeResponse> call : calls) {
        InvokeResponse response = call.get();
        assertThat(response.functionError()).isNull();
        pids.add(response.payload().asUtf8String());
      }
      // Each runtime is the first process of its own PID namespace (or a plain process).
      assertThat(pids).hasSize(FUNCTIONS).allMatch(pid -> pid.startsWith("{\"pid\": "));
    }
  }
}
