package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.runtimes.RuntimeProcesses.Started;
import dev.gust.testkit.JavaFunctions;
import dev.gust.testkit.RuntimeFixture;
import dev.gust.testkit.RuntimeFixture.Behaviour;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stem cells of the Java runtimes: a JVM on AWS's runtime interface client started in an empty task
 * root before its function is known, then specialized for the functions of {@code
 * gust-java-functions} unpacked into the task root in the meantime.
 */
class JavaStemCellTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RuntimeFixture FIXTURE = JavaFunctions.fixture("java17");

  /** The memory size of the functions, and of the cells started for them. */
  private static final Map<String, String> MEMORY =
      Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256");

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

  @Test
  void aCellRunsTheFunctionUnpackedIntoItsTaskRoot() throws Exception {
    String runtime = "java17";
    Started cell = readyCell(runtime, MEMORY);
    RuntimeProcesses.unzip(taskRoot, JavaFunctions.zip());
    Map<String, String> environment =
        processes.environment(
            runtime, taskRoot, FIXTURE.handler(Behaviour.ECHO), cell.channel(), Map.of());
    environment.put("STAGE", "test");
    cell.channel().specialize(environment);

    JsonNode echo = success(cell, processes.invoke(cell, "{\"n\":1}"));
    assertThat(echo.get("event")).isEqualTo(JSON.readTree("{\"n\":1}"));
    assertThat(echo.get("functionName").asText()).isEqualTo("fn");
    assertThat(echo.get("memoryLimitInMB").asInt()).isEqualTo(256);
    assertThat(echo.get("cwd").asText()).isEqualTo(taskRoot.toRealPath().toString());
    JsonNode env = echo.get("env");
    assertThat(env.get("STAGE").asText()).as("System.getenv() is the function's").isEqualTo("test");
    assertThat(env.get("_HANDLER").asText()).isEqualTo(FIXTURE.handler(Behaviour.ECHO));
    assertThat(env.get("LAMBDA_TASK_ROOT").asText()).isEqualTo(taskRoot.toString());
    assertThat(cell.process().descendants()).as("specialized in place").isEmpty();
  }

  @Test
  void aCellOfAnotherMemorySizeStartsTheFunctionAfresh() throws Exception {
    Started cell = readyCell("java17", Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"));
    RuntimeProcesses.unzip(taskRoot, JavaFunctions.zip());
    cell.channel()
        .specialize(
            processes.environment(
                "java17", taskRoot, FIXTURE.handler(Behaviour.ECHO), cell.channel(), MEMORY));

    JsonNode echo = success(cell, processes.invoke(cell, "{}"));
    assertThat(echo.get("memoryLimitInMB").asInt()).isEqualTo(256);
    assertThat(cell.process().descendants())
        .as("a JVM started with the function's heap")
        .singleElement()
        .satisfies(
            child ->
                assertThat(child.info().arguments().orElseThrow())
                    .contains("-XX:MaxHeapSize=" + (256 * 1024 * 85 + 50) / 100 + "k"));
  }

  @Test
  void anInitErrorOfASpecializedCellIsReportedAsANormalStartReportsIt() throws Exception {
    Started cell = readyCell("java17", MEMORY);
    RuntimeProcesses.unzip(taskRoot, JavaFunctions.zip());
    String handler = FIXTURE.handler(Behaviour.BROKEN_INIT);
    Started normal = processes.normal("java17", taskRoot, handler, Map.of());
    cell.channel()
        .specialize(processes.environment("java17", taskRoot, handler, cell.channel(), Map.of()));

    RuntimeOutcome.InitError fromNormal = initError(normal);
    RuntimeOutcome.InitError fromCell = initError(cell);
    assertThat(fromCell.errorType()).isEqualTo(fromNormal.errorType());
    assertThat(JSON.readTree(fromCell.body())).isEqualTo(JSON.readTree(fromNormal.body()));
    assertThat(cell.process().waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(cell.process().exitValue()).isNotZero();
  }

  @Test
  void aJdkWithAnAotCacheHasNoStemCells() {
    JavaRuntimes runtimes = JavaRuntimes.install(runtimeDir.resolve("java"));
    assumeTrue(runtimes.jdkFor("java25").isPresent(), "no JDK 25 on this host");
    assertThat(runtimes.stemCellCommand("java25", runtimeDir.resolve("java").toString())).isEmpty();
    assertThat(runtimes.stemCellCommand("java17", runtimeDir.resolve("java").toString()))
        .isPresent();
  }

  @Test
  void closingTheChannelOfAnUnspecializedCellEndsItsProcess() throws Exception {
    Started cell = readyCell("java17", MEMORY);
    cell.channel().close();
    assertThat(cell.process().waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(cell.process().exitValue()).isZero();
  }

  private Started readyCell(String runtime, Map<String, String> variables) throws Exception {
    assumeTrue(
        processes.stemCellCommand(runtime, taskRoot).isPresent(), "no stem cell for " + runtime);
    Started cell = processes.cell(runtime, taskRoot, variables);
    cell.channel().awaitingSpecialization().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(taskRoot).isEmptyDirectory();
    return cell;
  }

  private static JsonNode success(Started started, RuntimeOutcome outcome) throws IOException {
    assertThat(outcome).as(started.output()).isInstanceOf(RuntimeOutcome.Success.class);
    return JSON.readTree(((RuntimeOutcome.Success) outcome).payload());
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
}
