package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.testkit.NodeFunctions;
import dev.gust.testkit.RuntimeFixture;
import dev.gust.testkit.RuntimeFixture.Behaviour;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Node.js bootstrap as a real {@code /usr/bin/node} process polling a real Runtime API: handler
 * resolution, the context object, callback semantics, error shapes and logs, compared with what
 * AWS's Node.js runtime does.
 */
class NodeBootstrapTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:fn";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RuntimeApiServer server = RuntimeApiServer.start();
  private final List<Process> processes = new ArrayList<>();
  private RuntimeChannel channel;
  private Process process;
  private Path stdout;
  private Path stderr;
  private int invocations;

  @TempDir Path taskRoot;
  @TempDir Path runtimeDir;
  @TempDir Path logs;

  @AfterEach
  void stop() throws InterruptedException {
    processes.forEach(Process::destroyForcibly);
    for (Process started : processes) {
      started.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
    server.close();
  }

  // ---- Handler resolution --------------------------------------------------------------------

  record Resolution(String name, Map<String, String> files, String handler, String result) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Resolution> resolutions() {
    return Stream.of(
        new Resolution(
            "CommonJS in .js",
            Map.of("index.js", "exports.handler = async () => 'cjs';"),
            "index.handler",
            "cjs"),
        new Resolution(
            "CommonJS in .cjs",
            Map.of("index.cjs", "module.exports.handler = async () => 'cjs';"),
            "index.handler",
            "cjs"),
        new Resolution(
            "ES module in .mjs",
            Map.of("index.mjs", "export const handler = async () => 'esm';"),
            "index.handler",
            "esm"),
        new Resolution(
            "ES module in .js under a package.json of type module",
            Map.of(
                "src/package.json", "{\"type\": \"module\"}",
                "src/app.js", "export async function handler() { return 'esm'; }"),
            "src/app.handler",
            "esm"),
        new Resolution(
            "a function nested in exported objects",
            Map.of("index.js", "exports.api = { v1: { get: async () => 'nested' } };"),
            "index.api.v1.get",
            "nested"),
        new Resolution(
            "a package in node_modules",
            Map.of("node_modules/pkg/index.js", "exports.handler = async () => 'package';"),
            "pkg.handler",
            "package"),
        new Resolution(
            "a callback handler",
            Map.of("index.js", "exports.handler = (event, context, cb) => cb(null, 'callback');"),
            "index.handler",
            "callback"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resolutions")
  void handlersResolveAsOnLambda(Resolution row) throws Exception {
    row.files().forEach(this::write);
    start(row.handler());
    assertThat(success(invoke("{}"))).isEqualTo(JSON.writeValueAsString(row.result()));
  }

  @Test
  void aWarmEnvironmentKeepsModuleStateAcrossInvocations() throws Exception {
    write(
        "index.js",
        """
        let count = 0;
        exports.handler = async (event) => ({ count: ++count, event });
        """);
    start("index.handler");
    assertThat(success(invoke("{\"n\":1}"))).isEqualTo("{\"count\":1,\"event\":{\"n\":1}}");
    assertThat(success(invoke("[2]"))).isEqualTo("{\"count\":2,\"event\":[2]}");
    assertThat(success(invoke("\"three\""))).isEqualTo("{\"count\":3,\"event\":\"three\"}");
  }

  // ---- Init errors ---------------------------------------------------------------------------

  record InitFailure(
      String name, Map<String, String> files, String handler, String errorType, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<InitFailure> initFailures() {
    String handler = "exports.handler = async () => 1;";
    return Stream.of(
        new InitFailure(
            "a missing module",
            Map.of(),
            "missing.handler",
            "Runtime.ImportModuleError",
            "Error: Cannot find module 'missing'"),
        new InitFailure(
            "a missing package imported by an ES module (not wrapped, as on AWS)",
            Map.of("index.mjs", "import x from 'nope';\nexport const handler = async () => x;"),
            "index.handler",
            "Error",
            "Cannot find package 'nope'"),
        new InitFailure(
            "a function that is not exported",
            Map.of("index.js", handler),
            "index.other",
            "Runtime.HandlerNotFound",
            "index.other is undefined or not exported"),
        new InitFailure(
            "an export that is not a function",
            Map.of("index.js", "exports.handler = 42;"),
            "index.handler",
            "Runtime.HandlerNotFound",
            "index.handler is not a function"),
        new InitFailure(
            "a handler without a function name",
            Map.of("index.js", handler),
            "index",
            "Runtime.MalformedHandlerName",
            "Bad handler"),
        new InitFailure(
            "a handler climbing out of the task root",
            Map.of("index.js", handler),
            "../index.handler",
            "Runtime.MalformedHandlerName",
            "'../index.handler' is not a valid handler name."),
        new InitFailure(
            "a syntax error in CommonJS",
            Map.of("index.js", "exports.handler = async () => {"),
            "index.handler",
            "Runtime.UserCodeSyntaxError",
            "SyntaxError: Unexpected end of input"),
        new InitFailure(
            "a syntax error in an ES module",
            Map.of("index.mjs", "export const handler = async () => ;"),
            "index.handler",
            "Runtime.UserCodeSyntaxError",
            "SyntaxError: Unexpected token ';'"),
        new InitFailure(
            "an error thrown while loading",
            Map.of("index.js", "throw new RangeError('no config');"),
            "index.handler",
            "RangeError",
            "no config"),
        new InitFailure(
            "a rejected top-level await",
            Map.of("index.mjs", "await Promise.reject(new Error('not ready'));"),
            "index.handler",
            "Error",
            "not ready"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("initFailures")
  void initErrorsAreReportedAndEndTheProcess(InitFailure row) throws Exception {
    row.files().forEach(this::write);
    start(row.handler());
    assertThatThrownBy(() -> channel.initialized().get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            RuntimeChannel.InitFailedException.class,
            failure -> {
              assertThat(failure.error().errorType()).isEqualTo(row.errorType());
              JsonNode body = json(failure.error().body());
              assertThat(body.get("errorType").asText()).isEqualTo(row.errorType());
              assertThat(body.get("errorMessage").asText()).startsWith(row.message());
              assertThat(body.get("trace").isArray()).isTrue();
            });
    assertThat(exitCode()).isEqualTo(129);
    assertThat(stdout()).contains("\tundefined\tERROR\tUncaught Exception \t{");
  }

  // ---- Invocation errors ---------------------------------------------------------------------

  record Failure(String name, String code, String errorType, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Failure> failures() {
    return Stream.of(
        new Failure(
            "an error thrown by an async handler",
            "exports.handler = async () => { throw new TypeError('not a number'); };",
            "TypeError",
            "not a number"),
        new Failure(
            "a rejection with a custom error",
            """
            class ValidationError extends Error {}
            ValidationError.prototype.name = 'ValidationError';
            exports.handler = () => Promise.reject(new ValidationError('bad field'));
            """,
            "ValidationError",
            "bad field"),
        new Failure(
            "an error thrown synchronously",
            "exports.handler = () => { throw new RangeError('too far'); };",
            "RangeError",
            "too far"),
        new Failure(
            "an error passed to the callback",
            "exports.handler = (event, context, cb) => cb(new Error('via callback'));",
            "Error",
            "via callback"),
        new Failure(
            "a string passed to context.fail",
            "exports.handler = (event, context) => context.fail('plain text');",
            "string",
            "plain text"),
        new Failure(
            "a result JSON cannot represent",
            "exports.handler = async () => { const a = {}; a.self = a; return a; };",
            "Error",
            "Unable to stringify response body"),
        new Failure(
            "an async handler whose promise never settles",
            "exports.handler = async () => new Promise(() => {});",
            "Runtime.NodeJsExit",
            "The Lambda runtime client detected an unexpected Node.js exit code."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void handlerErrorsBecomeFunctionErrorsAndTheEnvironmentStaysWarm(Failure row) throws Exception {
    write("index.js", row.code());
    start("index.handler");
    for (int round = 0; round < 2; round++) {
      RuntimeOutcome.FunctionError error = functionError(invoke("{}"));
      assertThat(error.errorType()).isEqualTo(row.errorType());
      JsonNode body = json(error.body());
      assertThat(body.get("errorType").asText()).isEqualTo(row.errorType());
      assertThat(body.get("errorMessage").asText()).startsWith(row.message());
      JsonNode trace = body.get("trace");
      if (row.errorType().equals("string")) {
        assertThat(trace).isEmpty();
      } else {
        assertThat(trace.get(0).asText()).startsWith(row.errorType() + ": " + row.message());
      }
    }
    assertThat(process.isAlive()).isTrue();
    assertThat(stdout()).contains("\tERROR\tInvoke Error \t{\"errorType\":");
  }

  @Test
  void anUnhandledRejectionFailsTheInvocationAndEndsTheProcess() throws Exception {
    write(
        "index.js",
        """
        exports.handler = (event, context, cb) => {
          Promise.reject(new Error('nobody listens'));
          setTimeout(() => cb(null, 'too late'), 1000);
        };
        """);
    start("index.handler");
    RuntimeOutcome.FunctionError error = functionError(invoke("{}"));
    assertThat(error.errorType()).isEqualTo("Runtime.UnhandledPromiseRejection");
    assertThat(json(error.body()).get("errorMessage").asText()).isEqualTo("Error: nobody listens");
    assertThat(exitCode()).isEqualTo(128);
  }

  @Test
  void anUncaughtExceptionFailsTheInvocationAndEndsTheProcess() throws Exception {
    write(
        "index.js",
        """
        exports.handler = async () => {
          setImmediate(() => { throw new TypeError('from a timer'); });
          return new Promise(() => {});
        };
        """);
    start("index.handler");
    RuntimeOutcome.FunctionError error = functionError(invoke("{}"));
    assertThat(error.errorType()).isEqualTo("TypeError");
    assertThat(json(error.body()).get("errorMessage").asText()).isEqualTo("from a timer");
    assertThat(exitCode()).isEqualTo(129);
  }

  // ---- Results and the event loop ------------------------------------------------------------

  record Result(String name, String code, String payload) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Result> results() {
    return Stream.of(
        new Result("undefined from an async handler", "async () => undefined", "null"),
        new Result("a sync handler that never calls back", "() => 42", "null"),
        new Result("context.succeed", "(e, context) => context.succeed('s')", "\"s\""),
        new Result("context.done", "(e, context) => context.done(null, { d: 1 })", "{\"d\":1}"),
        new Result(
            "only the first of several completions",
            "(e, context, cb) => { context.succeed('first'); cb(null, 'second'); }",
            "\"first\""),
        new Result(
            "a promise from a plain function",
            "() => new Promise((resolve) => setTimeout(() => resolve([1, 2]), 5))",
            "[1,2]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("results")
  void resultsAreSerializedAsOnLambda(Result row) throws Exception {
    write("index.js", "exports.handler = " + row.code() + ";");
    start("index.handler");
    assertThat(success(invoke("{}"))).isEqualTo(row.payload());
  }

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

  // ---- Helpers -------------------------------------------------------------------------------

  /** Starts the bootstrap for {@code handler} with the environment Lambda gives a function. */
  private void start(String handler) throws IOException {
    ManagedRuntimes runtimes = ManagedRuntimes.install(runtimeDir);
    channel = server.open();
    stdout = logs.resolve("stdout-" + processes.size());
    stderr = logs.resolve("stderr-" + processes.size());
    List<String> command =
        runtimes.command("nodejs22.x", taskRoot.toString(), runtimeDir.toString()).orElseThrow();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(taskRoot.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("_HANDLER", handler);
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs22.x");
    env.put("AWS_LAMBDA_RUNTIME_API", channel.address());
    env.put("AWS_LAMBDA_FUNCTION_NAME", "fn");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/fn");
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2025/01/01/[$LATEST]0123abcd");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    process = builder.start();
    processes.add(process);
  }

  private RuntimeOutcome invoke(String payload) throws Exception {
    return invoke(payload, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private RuntimeOutcome invoke(
      String payload,
      Optional<String> traceId,
      Optional<String> clientContext,
      Optional<String> identity)
      throws Exception {
    return invoke(payload, traceId, clientContext, identity, true);
  }

  /** Submits an invocation; waits for its outcome when {@code await} is set, else returns null. */
  private RuntimeOutcome invoke(
      String payload,
      Optional<String> traceId,
      Optional<String> clientContext,
      Optional<String> identity,
      boolean await)
      throws Exception {
    invocations++;
    var outcome =
        channel.submit(
            new Invocation(
                "req-" + invocations,
                payload.getBytes(StandardCharsets.UTF_8),
                System.currentTimeMillis() + 60_000,
                ARN,
                traceId,
                clientContext,
                identity));
    return await ? outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS) : null;
  }

  private int exitCode() throws Exception {
    assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
        .as("the runtime process ended")
        .isTrue();
    return process.exitValue();
  }

  private static String success(RuntimeOutcome outcome) {
    assertThat(outcome).isInstanceOf(RuntimeOutcome.Success.class);
    return new String(((RuntimeOutcome.Success) outcome).payload(), StandardCharsets.UTF_8);
  }

  private static RuntimeOutcome.FunctionError functionError(RuntimeOutcome outcome) {
    assertThat(outcome).isInstanceOf(RuntimeOutcome.FunctionError.class);
    return (RuntimeOutcome.FunctionError) outcome;
  }

  private static JsonNode json(byte[] bytes) {
    return json(new String(bytes, StandardCharsets.UTF_8));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String stdout() throws IOException {
    return Files.readString(stdout);
  }

  private void write(String name, String content) {
    try {
      Path file = taskRoot.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void unzip(byte[] zip) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        write(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }
}
