package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Node.js bootstrap as a real {@code /usr/bin/node} process polling a real Runtime API: handler
 * resolution, init errors, error shapes and result serialization, compared with what AWS's Node.js
 * runtime does.
 */
class NodeBootstrapTest extends NodeRuntimeHarness {

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
}
