package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.CustomFunctions;
import dev.gust.testkit.JavaFunctions;
import dev.gust.testkit.NodeFunctions;
import dev.gust.testkit.PythonFunctions;
import dev.gust.testkit.RuntimeFixture;
import dev.gust.testkit.RuntimeFixture.Behaviour;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * The runtime test matrix: real handlers of every runtime family, in real runtime processes, in
 * both sandbox backends, driven through the AWS SDK. Each family implements the same {@link
 * Behaviour}s (see {@link RuntimeFixture}), so one table of expectations covers them all.
 */
class RuntimeMatrixTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  static Stream<Arguments> matrix() {
    List<Arguments> rows = new ArrayList<>();
    Map<String, Supplier<RuntimeFixture>> families =
        Map.of(
            "python", PythonFunctions::fixture,
            "node", NodeFunctions::fixture,
            "java", () -> JavaFunctions.fixture("java21"),
            "custom", CustomFunctions::fixture);
    for (String backend : List.of("namespace", "process")) {
      for (String family : List.of("python", "node", "java", "custom")) {
        rows.add(Arguments.of(backend, family, families.get(family).get()));
      }
    }
    return rows.stream();
  }

  @TempDir Path dataDir;

  @ParameterizedTest(name = "{1} in the {0} backend")
  @MethodSource("matrix")
  void handlersBehaveAsOnLambda(String backend, String family, RuntimeFixture fixture)
      throws Exception {
    try (LambdaNode server =
            LambdaNode.start(dataDir, LambdaService.Settings.defaults().withSandbox(backend));
        LambdaClient lambda = AwsClients.lambda(server.url())) {
      Functions functions = new Functions(lambda, fixture);

      // Context, environment, client context, warm reuse.
      String context =
          Base64.getEncoder()
              .encodeToString("{\"custom\":{\"tenant\":\"t1\"}}".getBytes(StandardCharsets.UTF_8));
      InvokeResponse first =
          lambda.invoke(
              r ->
                  r.functionName(functions.deploy(Behaviour.ECHO, 10))
                      .clientContext(context)
                      .payload(SdkBytes.fromUtf8String("{\"a\":1}")));
      assertThat(first.functionError()).as(first.payload().asUtf8String()).isNull();
      JsonNode echo = json(first);
      String name = "echo-" + fixture.runtime().replace('.', '-');
      assertThat(echo.get("event").toString()).isEqualTo("{\"a\":1}");
      assertThat(echo.get("count").asInt()).isEqualTo(1);
      assertThat(echo.get("functionName").asText()).isEqualTo(name);
      assertThat(echo.get("functionVersion").asText()).isEqualTo("$LATEST");
      assertThat(echo.get("invokedFunctionArn").asText())
          .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + name);
      assertThat(echo.get("memoryLimitInMB").asInt()).isEqualTo(128);
      assertThat(echo.get("awsRequestId").asText()).isNotBlank();
      assertThat(echo.get("logGroupName").asText()).isEqualTo("/aws/lambda/" + name);
      assertThat(echo.get("logStreamName").asText()).contains("[$LATEST]");
      assertThat(echo.get("remainingTimeInMillis").asLong()).isBetween(1L, 10_000L);
      assertThat(echo.get("clientContextCustom").toString()).isEqualTo("{\"tenant\":\"t1\"}");
      JsonNode env = echo.get("env");
      assertThat(env.get("STAGE").asText()).isEqualTo("test");
      assertThat(env.get("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo(name);
      assertThat(env.get("AWS_REGION").asText()).isEqualTo("us-east-1");
      assertThat(env.get("_HANDLER").asText()).isEqualTo(fixture.handler(Behaviour.ECHO));
      assertThat(env.get("AWS_ENDPOINT_URL").asText()).isEqualTo(server.url());
      assertThat(env.get("TZ").asText()).isEqualTo(":UTC");
      assertThat(echo.get("cwd").asText()).isEqualTo(env.get("LAMBDA_TASK_ROOT").asText());
      if (backend.equals("namespace")) {
        assertThat(echo.get("cwd").asText()).isEqualTo("/var/task");
      }
      if (!fixture.runtime().startsWith("provided.")) {
        assertThat(env.get("AWS_EXECUTION_ENV").asText())
            .isEqualTo("AWS_Lambda_" + fixture.runtime());
      }
      JsonNode again = json(functions.invoke(Behaviour.ECHO, "{}"));
      assertThat(again.get("count").asInt()).as("a warm environment is reused").isEqualTo(2);

      // A failing handler is a function error; its environment stays.
      InvokeResponse failed = functions.invoke(functions.deploy(Behaviour.FAIL, 10), "{\"n\":7}");
      assertThat(failed.functionError()).isEqualTo("Unhandled");
      JsonNode error = json(failed);
      assertThat(error.get("errorMessage").asText()).isEqualTo("bad input: 7");
      assertThat(error.get("errorType").asText()).isEqualTo(fixture.failErrorType());

      // A runtime that exits is Runtime.ExitError, and the next call gets a new environment.
      InvokeResponse crashed = functions.invoke(functions.deploy(Behaviour.CRASH, 10), "{}");
      assertThat(crashed.functionError()).isEqualTo("Unhandled");
      assertThat(json(crashed).get("errorType").asText()).isEqualTo("Runtime.ExitError");
      assertThat(json(crashed).get("errorMessage").asText())
          .endsWith("Error: Runtime exited with error: exit status 3");

      // The timeout is enforced.
      InvokeResponse slept = functions.invoke(functions.deploy(Behaviour.SLEEP, 1), "{}");
      assertThat(slept.functionError()).isEqualTo("Unhandled");
      assertThat(json(slept).get("errorMessage").asText())
          .endsWith("Task timed out after 1.00 seconds");

      // The memory limit is enforced and reported as Lambda reports it.
      if (ROOT) {
        InvokeResponse oom = functions.invoke(functions.deploy(Behaviour.OOM, 10), "{}");
        assertThat(oom.functionError()).isEqualTo("Unhandled");
        assertThat(json(oom).get("errorType").asText()).isEqualTo(fixture.oomErrorType());
      }

      // Init failure.
      InvokeResponse broken = functions.invoke(functions.deploy(Behaviour.BROKEN_INIT, 10), "{}");
      assertThat(broken.functionError()).isEqualTo("Unhandled");
      assertThat(json(broken).get("errorType").asText()).isNotBlank();

      // Read-only code, private /tmp, no view of the node's store.
      Path store = dataDir.resolve("gust.db");
      InvokeResponse files =
          functions.invoke(
              functions.deploy(Behaviour.FILES, 10),
              JSON.writeValueAsString(Map.of("path", store.toString())));
      JsonNode seen = json(files);
      assertThat(seen.get("codeWritable").asBoolean()).as("code is read-only").isFalse();
      assertThat(seen.get("tmpWritable").asBoolean()).as("/tmp is writable").isTrue();
      if (backend.equals("namespace") || ROOT) {
        assertThat(seen.get("pathReadable").asBoolean()).as("the store is hidden").isFalse();
      }
      if (backend.equals("namespace")) {
        assertThat(seen.get("processes").asInt()).as("a private process table").isLessThan(5);
      }

      // Logs: the invocation's part of the stream, framed as Lambda frames it.
      InvokeResponse logged =
          lambda.invoke(
              r -> r.functionName(functions.deploy(Behaviour.LOG, 10)).logType(LogType.TAIL));
      String requestId = logged.responseMetadata().requestId();
      String tail =
          new String(Base64.getDecoder().decode(logged.logResult()), StandardCharsets.UTF_8);
      assertThat(tail)
          .startsWith("START RequestId: " + requestId + " Version: $LATEST\n")
          .contains("to-stdout " + requestId, "to-stderr " + requestId)
          .contains("END RequestId: " + requestId + "\n")
          .contains("REPORT RequestId: " + requestId + "\tDuration: ")
          .contains("\tMemory Size: 128 MB\tMax Memory Used: ")
          .contains("Init Duration: ");
      assertThat(storedLogs(name.replace("echo-", "log-"))).contains("to-stdout " + requestId);
    }
  }

  private String storedLogs(String function) throws IOException {
    Path group = dataDir.resolve("logs/aws/lambda").resolve(function);
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(group)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        all.append(Files.readString(file));
      }
    }
    return all.toString();
  }

  private static JsonNode json(InvokeResponse response) {
    try {
      return JSON.readTree(response.payload().asByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deploys one function per behaviour of a fixture and invokes it. */
  private static final class Functions {
    private final LambdaClient lambda;
    private final LambdaWaiter waiter;
    private final RuntimeFixture fixture;

    Functions(LambdaClient lambda, RuntimeFixture fixture) {
      this.lambda = lambda;
      this.fixture = fixture;
      this.waiter = AwsClients.waiter(lambda);
    }

    String name(Behaviour behaviour) {
      return behaviour.name().toLowerCase().replace('_', '-')
          + "-"
          + fixture.runtime().replace('.', '-');
    }

    String deploy(Behaviour behaviour, int timeoutSeconds) {
      String name = name(behaviour);
      lambda.createFunction(
          r ->
              r.functionName(name)
                  .runtime(fixture.runtime())
                  .handler(fixture.handler(behaviour))
                  .role(LambdaTestBase.ROLE)
                  .timeout(timeoutSeconds)
                  .memorySize(128)
                  .environment(e -> e.variables(Map.of("STAGE", "test")))
                  .code(c -> c.zipFile(SdkBytes.fromByteArray(fixture.zip()))));
      waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
      return name;
    }

    InvokeResponse invoke(Behaviour behaviour, String payload) {
      return invoke(name(behaviour), payload);
    }

    InvokeResponse invoke(String name, String payload) {
      return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }
  }
}
