package dev.gust.runtimes;

import static dev.gust.runtimes.RuntimeProcesses.DEADLINE;
import static dev.gust.runtimes.RuntimeProcesses.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.runtimes.RuntimeProcesses.Started;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stem cells of the Python and Node.js runtimes: a real bootstrap started in an empty task root
 * before its function is known, then specialized for a function whose code was written into the
 * task root in the meantime. What the function sees must be what it sees after a normal start.
 */
class StemCellTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One runtime family's handlers. The echo handler returns what a function can observe of its
   * process: {@code env}, {@code cwd}, the module search path, the context's per-process values,
   * the time zone, {@code startOnly} (what a variable read only at start changed) and {@code lib}
   * (a module found through a path in {@code variables}, or null), Node's {@code logFormat}; and
   * {@code inPlace}, whether the process was started as a stem cell (its start environment, in
   * {@code /proc/self/environ}, says so).
   */
  record Family(
      String runtime,
      Map<String, String> echo,
      Map<String, String> broken,
      String brokenErrorType,
      Map<String, String> variables,
      Map<String, String> startOnlyVariable,
      String startOnly) {
    @Override
    public String toString() {
      return runtime;
    }
  }

  static Stream<Family> families() {
    return Stream.of(
        new Family(
            "python3.11",
            Map.of(
                "app.py",
                """
                import os
                import sys
                import time


                def handler(event, context):
                    try:
                        import greeting
                        lib = greeting.hello
                    except ImportError:
                        lib = None
                    return {
                        "env": dict(os.environ),
                        "cwd": os.getcwd(),
                        "path": sys.path,
                        "modules": sorted(sys.modules),
                        "functionName": context.function_name,
                        "memory": context.memory_limit_in_mb,
                        "logStream": context.log_stream_name,
                        "timezone": [time.timezone, list(time.tzname)],
                        "startOnly": str(sys.flags.dont_write_bytecode),
                        "lib": lib,
                        "inPlace": b"_GUST_STEM_CELL=1" in open("/proc/self/environ", "rb").read(),
                    }
                """,
                "lib/greeting.py",
                "hello = 'from lib'\n"),
            Map.of("broken.py", "raise ValueError('broken at import')\n"),
            "ValueError",
            // An empty entry is the task root, and a duplicate of the standard library goes.
            Map.of("PYTHONPATH", "lib::/usr/lib/python3.11"),
            Map.of("PYTHONDONTWRITEBYTECODE", "1"),
            "1"),
        new Family(
            "nodejs20.x",
            Map.of(
                "app.js",
                """
                const Module = require('node:module');
                function logFormat() {
                  let line = '';
                  const write = process.stdout.write;
                  process.stdout.write = (chunk) => (line += chunk);
                  console.log('probe');
                  process.stdout.write = write;
                  return line.startsWith('{') ? 'JSON' : 'text';
                }
                exports.handler = async (event, context) => {
                  let lib = null;
                  try {
                    lib = require('greeting').hello;
                  } catch {}
                  return {
                    env: { ...process.env },
                    cwd: process.cwd(),
                    path: [...Module.globalPaths, ...module.paths],
                    functionName: context.functionName,
                    memory: context.memoryLimitInMB,
                    logStream: context.logStreamName,
                    timezone: [new Date(0).getTimezoneOffset(),
                        Intl.DateTimeFormat().resolvedOptions().timeZone],
                    startOnly: process.title,
                    logFormat: logFormat(),
                    lib,
                    inPlace: require('node:fs')
                      .readFileSync('/proc/self/environ', 'latin1')
                      .includes('_GUST_STEM_CELL=1'),
                  };
                };
                """,
                "lib/greeting.js",
                "exports.hello = 'from lib';\n"),
            Map.of("broken.mjs", "throw new TypeError('broken at import');\n"),
            "TypeError",
            Map.of("NODE_PATH", "lib", "AWS_LAMBDA_LOG_FORMAT", "JSON"),
            Map.of("NODE_OPTIONS", "--title=gust-fn"),
            "gust-fn"));
  }

  @TempDir Path taskRoot;
  @TempDir Path runtimeDir;
  @TempDir Path logs;
  private RuntimeProcesses processes;

  @BeforeEach
  void start() {
    processes = new RuntimeProcesses(runtimeDir, logs);
  }

  @AfterEach
  void stop() throws InterruptedException {
    processes.close();
  }

  @ParameterizedTest
  @MethodSource("families")
  void aCellStartedBeforeItsFunctionRunsTheCodeWrittenIntoItsTaskRoot(Family family)
      throws Exception {
    Started cell = readyCell(family);
    assertThat(taskRoot).isEmptyDirectory();
    family.echo().forEach((name, content) -> write(taskRoot, name, content));

    Map<String, String> environment = environment(family, cell, "app.handler", Map.of());
    environment.put("STAGE", "test");
    cell.channel().specialize(environment);
    JsonNode echo = success(cell, processes.invoke(cell, "{}"));

    assertThat(cell.channel().initialized()).isCompleted();
    // Python adds LC_CTYPE where it coerces the C locale, in a normal start too.
    assertThat(JSON.convertValue(echo.get("env"), Map.class))
        .as("the function's environment, and nothing of the cell's")
        .containsAllEntriesOf(environment)
        .doesNotContainKey(ManagedRuntimes.STEM_CELL);
    assertThat(echo.get("inPlace").asBoolean()).isTrue();
    assertThat(echo.get("cwd").asText()).isEqualTo(taskRoot.toRealPath().toString());
    assertThat(echo.get("functionName").asText()).isEqualTo("fn");
    assertThat(echo.get("memory").asInt()).isEqualTo(256);
    assertThat(echo.get("logStream").asText()).isEqualTo("2026/01/01/[$LATEST]0123abcd");
  }

  @ParameterizedTest
  @MethodSource("families")
  void aSpecializedCellIsIndistinguishableFromANormalStart(Family family) throws Exception {
    Started cell = readyCell(family);
    family.echo().forEach((name, content) -> write(taskRoot, name, content));
    Map<String, String> variables = new LinkedHashMap<>(family.variables());
    variables.put("TZ", "America/New_York");
    Started normal = processes.normal(family.runtime(), taskRoot, "app.handler", variables);
    cell.channel().specialize(environment(family, cell, "app.handler", variables));

    JsonNode fromNormal = success(normal, processes.invoke(normal, "{}"));
    JsonNode fromCell = success(cell, processes.invoke(cell, "{}"));
    assertThat(fromCell.get("lib").asText())
        .as("a module found through " + family.variables())
        .isEqualTo("from lib");
    assertThat(fromCell.get("timezone").get(0).asInt())
        .as("the function's time zone")
        .isEqualTo(fromNormal.get("timezone").get(0).asInt())
        .isNotZero();
    if (family.variables().containsKey("AWS_LAMBDA_LOG_FORMAT")) {
      assertThat(fromCell.get("logFormat").asText()).isEqualTo("JSON");
    }
    assertThat(fromCell.get("inPlace").asBoolean()).as("specialized in place").isTrue();
    assertThat(comparable(fromCell)).isEqualTo(comparable(fromNormal));
  }

  @ParameterizedTest
  @MethodSource("families")
  void aVariableReadOnlyAtStartTakesEffectAsInANormalStart(Family family) throws Exception {
    Started cell = readyCell(family);
    family.echo().forEach((name, content) -> write(taskRoot, name, content));
    Map<String, String> variables = family.startOnlyVariable();
    Started normal = processes.normal(family.runtime(), taskRoot, "app.handler", variables);
    cell.channel().specialize(environment(family, cell, "app.handler", variables));

    JsonNode fromNormal = success(normal, processes.invoke(normal, "{}"));
    JsonNode fromCell = success(cell, processes.invoke(cell, "{}"));
    assertThat(fromCell.get("startOnly").asText()).isEqualTo(family.startOnly());
    assertThat(fromCell.get("inPlace").asBoolean()).as("started afresh").isFalse();
    assertThat(comparable(fromCell)).isEqualTo(comparable(fromNormal));
  }

  @ParameterizedTest
  @MethodSource("families")
  void anInitErrorOfASpecializedCellIsReportedAsANormalStartReportsIt(Family family)
      throws Exception {
    Started cell = readyCell(family);
    family.broken().forEach((name, content) -> write(taskRoot, name, content));
    Started normal = processes.normal(family.runtime(), taskRoot, "broken.handler", Map.of());
    cell.channel().specialize(environment(family, cell, "broken.handler", Map.of()));

    RuntimeOutcome.InitError fromNormal = initError(normal);
    RuntimeOutcome.InitError fromCell = initError(cell);
    assertThat(fromCell.errorType()).isEqualTo(family.brokenErrorType());
    assertThat(JSON.readTree(fromCell.body()).get("errorMessage").asText())
        .isEqualTo("broken at import");
    assertThat(new String(fromCell.body(), StandardCharsets.UTF_8))
        .isEqualTo(new String(fromNormal.body(), StandardCharsets.UTF_8));
    assertThat(exitCode(cell)).isEqualTo(exitCode(normal)).isNotZero();
  }

  @ParameterizedTest
  @MethodSource("families")
  void closingTheChannelOfAnUnspecializedCellEndsItsProcess(Family family) throws Exception {
    Started cell = readyCell(family);
    cell.channel().close();
    assertThat(exitCode(cell)).isZero();
    assertThatThrownBy(() -> cell.channel().specialize(Map.of("_HANDLER", "app.handler")))
        .isInstanceOf(IllegalStateException.class);
  }

  /** A cell of {@code family} in the empty task root, waiting for its function. */
  private Started readyCell(Family family) throws Exception {
    Started cell = processes.cell(family.runtime(), taskRoot);
    cell.channel().awaitingSpecialization().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(cell.process().isAlive()).isTrue();
    return cell;
  }

  private Map<String, String> environment(
      Family family, Started cell, String handler, Map<String, String> variables) {
    return processes.environment(family.runtime(), taskRoot, handler, cell.channel(), variables);
  }

  private static JsonNode success(Started started, RuntimeOutcome outcome) throws IOException {
    assertThat(outcome).as(started.output()).isInstanceOf(RuntimeOutcome.Success.class);
    return JSON.readTree(((RuntimeOutcome.Success) outcome).payload());
  }

  /** What must be equal after a normal start and in a cell: all but the Runtime API's address. */
  private static JsonNode comparable(JsonNode echo) {
    ObjectNode copy = echo.deepCopy();
    copy.remove("inPlace");
    ((ObjectNode) copy.get("env")).remove("AWS_LAMBDA_RUNTIME_API");
    return copy;
  }

  private static RuntimeOutcome.InitError initError(Started started) throws Exception {
    try {
      started.channel().initialized().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(RuntimeChannel.InitFailedException.class);
      return ((RuntimeChannel.InitFailedException) e.getCause()).error();
    }
    throw new AssertionError("init succeeded: " + started.output());
  }

  private static int exitCode(Started started) throws Exception {
    assertThat(started.process().waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
        .as("the runtime process ended")
        .isTrue();
    return started.process().exitValue();
  }
}
