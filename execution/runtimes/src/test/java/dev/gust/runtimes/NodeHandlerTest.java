package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.testkit.NodeFunctions;
import dev.gust.testkit.RuntimeFixture;
import dev.gust.testkit.RuntimeFixture.Behaviour;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Node.js bootstrap's handler styles and what a handler sees: callbacks and the event loop, the
 * context object, console logs, response streaming, and the testkit's fixture.
 */
class NodeHandlerTest extends NodeRuntimeHarness {

  @Test
  void byDefaultACallbackResponseWaitsForTheEventLoopToEmpty() throws Exception {
    write("index.js", pendingTimerHandler());
    start("index.handler");
    String payload = success(invoke("{\"wait\":true,\"timerMs\":300}"));
    assertThat(payload).isEqualTo("\"answered\"");
    assertThat(stdout())
        .as("the pending timer ran before the response was sent")
        .contains("timer fired");
  }

  @Test
  void withoutWaitingACallbackResponseIsSentAtOnceAndPendingWorkCarriesOver() throws Exception {
    write("index.js", pendingTimerHandler());
    start("index.handler");
    // A timer far longer than the test's deadline: only a response that does not wait arrives.
    assertThat(success(invoke("{\"wait\":false,\"timerMs\":600000}"))).isEqualTo("\"answered\"");
    assertThat(success(invoke("{\"wait\":false,\"timerMs\":600000}"))).isEqualTo("\"answered\"");
    assertThat(stdout()).doesNotContain("timer fired");
  }

  @Test
  void asyncHandlersAnswerWithoutWaitingForTheEventLoop() throws Exception {
    write(
        "index.js",
        """
        exports.handler = async () => {
          setTimeout(() => console.log('timer fired'), 600000);
          return 'answered';
        };
        """);
    start("index.handler");
    assertThat(success(invoke("{}"))).isEqualTo("\"answered\"");
    assertThat(stdout()).doesNotContain("timer fired");
  }

  private static String pendingTimerHandler() {
    return """
        exports.handler = (event, context, callback) => {
          context.callbackWaitsForEmptyEventLoop = event.wait;
          setTimeout(() => console.log('timer fired'), event.timerMs);
          callback(null, 'answered');
        };
        """;
  }

  // ---- The context object --------------------------------------------------------------------

  @Test
  void theContextDescribesTheInvocationAndTheFunction() throws Exception {
    write(
        "index.mjs",
        """
        export const handler = async (event, context) => {
          const first = context.getRemainingTimeInMillis();
          await new Promise((resolve) => setTimeout(resolve, 25));
          return {
            first,
            second: context.getRemainingTimeInMillis(),
            functionName: context.functionName,
            functionVersion: context.functionVersion,
            invokedFunctionArn: context.invokedFunctionArn,
            memoryLimitInMB: context.memoryLimitInMB,
            awsRequestId: context.awsRequestId,
            logGroupName: context.logGroupName,
            logStreamName: context.logStreamName,
            identity: context.identity ?? null,
            clientContext: context.clientContext ?? null,
            waits: context.callbackWaitsForEmptyEventLoop,
            traceId: process.env._X_AMZN_TRACE_ID ?? null,
          };
        };
        """);
    start("index.handler");
    String clientContext =
        "{\"client\":{\"app_title\":\"app\"},\"custom\":{\"k\":\"v\"},\"env\":{}}";
    String identity = "{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool-1\"}";
    JsonNode context =
        json(
            success(
                invoke(
                    "{}",
                    Optional.of("Root=1-5759e988-bd862e3fe1be46a994272793"),
                    Optional.of(clientContext),
                    Optional.of(identity))));
    String requestId = "req-" + invocations;
    assertThat(context.get("first").asLong()).isBetween(1L, 60_000L);
    assertThat(context.get("second").asLong()).isLessThan(context.get("first").asLong());
    assertThat(context.get("functionName").asText()).isEqualTo("fn");
    assertThat(context.get("functionVersion").asText()).isEqualTo("$LATEST");
    assertThat(context.get("invokedFunctionArn").asText()).isEqualTo(ARN);
    assertThat(context.get("memoryLimitInMB").isTextual()).as("a string, as on AWS").isTrue();
    assertThat(context.get("memoryLimitInMB").asText()).isEqualTo("128");
    assertThat(context.get("awsRequestId").asText()).isEqualTo(requestId);
    assertThat(context.get("logGroupName").asText()).isEqualTo("/aws/lambda/fn");
    assertThat(context.get("logStreamName").asText()).isEqualTo("2025/01/01/[$LATEST]0123abcd");
    assertThat(context.get("identity")).isEqualTo(json(identity));
    assertThat(context.get("clientContext")).isEqualTo(json(clientContext));
    assertThat(context.get("waits").asBoolean()).isTrue();
    assertThat(context.get("traceId").asText())
        .isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793");

    JsonNode plain = json(success(invoke("{}")));
    assertThat(plain.get("traceId").isNull()).as("no trace id, none left over").isTrue();
    assertThat(plain.get("clientContext").isNull()).isTrue();
    assertThat(plain.get("identity").isNull()).isTrue();
  }

  // ---- Logs ----------------------------------------------------------------------------------

  @Test
  void consoleLinesCarryTheTimeTheRequestIdAndTheLevel() throws Exception {
    write(
        "index.js",
        """
        console.log('loading');
        exports.handler = async () => {
          console.log('hello %s', 'world', { a: 1 });
          console.info('info');
          console.warn('careful');
          console.error('two\\nlines');
          console.debug('details');
          process.stdout.write('raw\\n');
          return 'ok';
        };
        """);
    start("index.handler");
    success(invoke("{}"));
    String time = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    assertThat(stdout().split("\n"))
        .satisfiesExactly(
            line -> assertThat(line).matches(time + "\tundefined\tINFO\tloading"),
            line -> assertThat(line).matches(time + "\treq-1\tINFO\thello world \\{ a: 1 \\}"),
            line -> assertThat(line).matches(time + "\treq-1\tINFO\tinfo"),
            line -> assertThat(line).matches(time + "\treq-1\tWARN\tcareful"),
            line -> assertThat(line).matches(time + "\treq-1\tERROR\ttwo\rlines"),
            line -> assertThat(line).matches(time + "\treq-1\tDEBUG\tdetails"),
            line -> assertThat(line).isEqualTo("raw"));
  }

  // ---- Response streaming --------------------------------------------------------------------

  @Test
  void streamingHandlersStreamTheirResponseAndReportErrorsInTrailers() throws Exception {
    write(
        "index.mjs",
        """
        export const handler = awslambda.streamifyResponse(async (event, stream) => {
          stream.setContentType('text/plain');
          stream.write('hel');
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (event.fail) {
            throw new Error('mid-stream');
          }
          stream.end('lo');
        });
        """);
    start("index.handler");
    assertThat(success(invoke("{}"))).isEqualTo("hello");
    RuntimeOutcome.FunctionError error = functionError(invoke("{\"fail\":true}"));
    assertThat(error.errorType()).isEqualTo("Error");
    assertThat(json(error.body()).get("errorMessage").asText()).isEqualTo("mid-stream");
    assertThat(success(invoke("{}"))).isEqualTo("hello");
  }

  // ---- The testkit's Node.js fixture ---------------------------------------------------------

  /** The testkit's Node.js fixture, which the runtime test matrix relies on, run here first. */
  @Test
  void theTestkitFixtureKeepsItsContract() throws Exception {
    RuntimeFixture fixture = NodeFunctions.fixture();
    unzip(fixture.zip());

    start(fixture.handler(Behaviour.ECHO));
    JsonNode echo =
        json(
            success(
                invoke(
                    "{\"x\":1}",
                    Optional.empty(),
                    Optional.of("{\"custom\":{\"k\":\"v\"}}"),
                    Optional.empty())));
    assertThat(echo.get("event")).isEqualTo(json("{\"x\":1}"));
    assertThat(echo.get("count").asInt()).isEqualTo(1);
    assertThat(echo.get("functionName").asText()).isEqualTo("fn");
    assertThat(echo.get("memoryLimitInMB").isNumber()).isTrue();
    assertThat(echo.get("memoryLimitInMB").asInt()).isEqualTo(128);
    assertThat(echo.get("remainingTimeInMillis").isNumber()).isTrue();
    assertThat(echo.get("clientContextCustom")).isEqualTo(json("{\"k\":\"v\"}"));
    assertThat(echo.get("cwd").asText()).isEqualTo(taskRoot.toRealPath().toString());
    assertThat(echo.get("env").get("_HANDLER").asText()).isEqualTo(fixture.handler(Behaviour.ECHO));
    assertThat(echo.get("env").get("STAGE").isNull()).isTrue();
    assertThat(json(success(invoke("{}"))).get("count").asInt()).isEqualTo(2);

    start(fixture.handler(Behaviour.FAIL));
    RuntimeOutcome.FunctionError failed = functionError(invoke("{\"n\":7}"));
    assertThat(failed.errorType()).isEqualTo(fixture.failErrorType());
    assertThat(json(failed.body()).get("errorMessage").asText()).isEqualTo("bad input: 7");

    start(fixture.handler(Behaviour.LOG));
    assertThat(success(invoke("{}"))).isEqualTo("\"logged\"");
    String requestId = "req-" + invocations;
    assertThat(stdout()).contains("to-stdout " + requestId);
    assertThat(Files.readString(stderr)).isEqualTo("to-stderr " + requestId + "\n");

    start(fixture.handler(Behaviour.FILES));
    String readable = taskRoot.resolve("files.js").toString();
    JsonNode files = json(success(invoke("{\"path\":\"" + readable + "\"}")));
    assertThat(files.get("codeWritable").asBoolean()).as("a plain directory here").isTrue();
    assertThat(files.get("tmpWritable").asBoolean()).isTrue();
    assertThat(files.get("pathReadable").asBoolean()).isTrue();
    assertThat(files.get("processes").asInt()).isPositive();
    JsonNode unreadable = json(success(invoke("{\"path\":\"/nonexistent\"}")));
    assertThat(unreadable.get("pathReadable").asBoolean()).isFalse();

    start(fixture.handler(Behaviour.CRASH));
    invoke("{}", Optional.empty(), Optional.empty(), Optional.empty(), false);
    assertThat(exitCode()).isEqualTo(3);

    start(fixture.handler(Behaviour.BROKEN_INIT));
    assertThatThrownBy(() -> channel.initialized().get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            RuntimeChannel.InitFailedException.class,
            failure -> assertThat(failure.error().errorType()).isEqualTo("Error"));

    start(fixture.handler(Behaviour.SLEEP));
    channel.initialized().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    start(fixture.handler(Behaviour.OOM));
    channel.initialized().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }
}
