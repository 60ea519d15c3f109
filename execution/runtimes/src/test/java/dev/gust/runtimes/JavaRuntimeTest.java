package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.testkit.JavaFunctions;
import dev.gust.testkit.RuntimeFixture;
import dev.gust.testkit.RuntimeFixture.Behaviour;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java runtimes: AWS's runtime interface client on this host's JDKs, started with {@link
 * JavaRuntimes#command} against a real Runtime API, running the handlers of {@code
 * gust-java-functions}.
 */
class JavaRuntimeTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:f";
  private static final RuntimeFixture FIXTURE = JavaFunctions.fixture("java17");

  @TempDir static Path shared;
  private static JavaRuntimes runtimes;
  private static Path taskRoot;

  @TempDir Path scratch;
  private final RuntimeApiServer server = RuntimeApiServer.start();
  private final List<Process> processes = new ArrayList<>();

  /** A started runtime: its process, its Runtime API and where its output goes. */
  private record Started(Process process, RuntimeChannel channel, Path output) {
    String log() throws IOException {
      return Files.readString(output, StandardCharsets.UTF_8);
    }
  }

  @BeforeAll
  static void install() throws IOException {
    runtimes = JavaRuntimes.install(shared.resolve("java"));
    taskRoot = unzip(JavaFunctions.zip(), Files.createDirectory(shared.resolve("task")));
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"java17", "java25"})
  void aMapHandlerSeesTheEventTheContextAndTheEnvironment(String runtime) throws Exception {
    Started started = start(runtime, FIXTURE.handler(Behaviour.ECHO));
    String clientContext = "{\"custom\":{\"k\":\"v\"},\"env\":{},\"client\":{}}";
    JsonNode echo =
        json(
            success(
                started,
                started.channel.submit(
                    invocation("req-1", "{\"n\":1}", Optional.of(clientContext)))));

    assertThat(echo.get("event")).isEqualTo(JSON.readTree("{\"n\":1}"));
    assertThat(echo.get("count").asInt()).isEqualTo(1);
    assertThat(echo.get("functionName").asText()).isEqualTo("f");
    assertThat(echo.get("functionVersion").asText()).isEqualTo("$LATEST");
    assertThat(echo.get("invokedFunctionArn").asText()).isEqualTo(ARN);
    assertThat(echo.get("memoryLimitInMB").asInt()).isEqualTo(128);
    assertThat(echo.get("awsRequestId").asText()).isEqualTo("req-1");
    assertThat(echo.get("logGroupName").asText()).isEqualTo("/aws/lambda/f");
    assertThat(echo.get("logStreamName").asText()).isEqualTo("2026/01/01/[$LATEST]abc");
    assertThat(echo.get("remainingTimeInMillis").asLong()).isBetween(1L, DEADLINE.toMillis());
    assertThat(echo.get("clientContextCustom")).isEqualTo(JSON.readTree("{\"k\":\"v\"}"));
    assertThat(echo.get("cwd").asText()).isEqualTo(taskRoot.toRealPath().toString());
    JsonNode env = echo.get("env");
    assertThat(env.get("STAGE").asText()).isEqualTo("test");
    assertThat(env.get("_HANDLER").asText()).isEqualTo(FIXTURE.handler(Behaviour.ECHO));
    assertThat(env.get("AWS_LAMBDA_RUNTIME_API").asText()).isEqualTo(started.channel.address());
    assertThat(env.get("LAMBDA_TASK_ROOT").asText()).isEqualTo(taskRoot.toString());
    assertThat(env.has("TZ")).as("the RIC's serializer leaves out null map values").isFalse();

    JsonNode again =
        json(
            success(
                started, started.channel.submit(invocation("req-2", "[1,2]", Optional.empty()))));
    assertThat(again.get("count").asInt()).as("a warm environment keeps its state").isEqualTo(2);
    assertThat(again.has("clientContextCustom")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"java17", "java25"})
  void aThrownExceptionIsAFunctionErrorWithItsTypeAndMessage(String runtime) throws Exception {
    Started started = start(runtime, FIXTURE.handler(Behaviour.FAIL));
    RuntimeOutcome outcome =
        outcome(started.channel.submit(invocation("req-f", "{\"n\":7}", Optional.empty())));
    assertThat(outcome).isInstanceOf(RuntimeOutcome.FunctionError.class);
    RuntimeOutcome.FunctionError error = (RuntimeOutcome.FunctionError) outcome;
    assertThat(error.errorType())
        .as("the RIC's Lambda-Runtime-Function-Error-Type, as on AWS")
        .isEqualTo("Runtime.UserException");
    JsonNode body = JSON.readTree(error.body());
    assertThat(body.get("errorType").asText()).isEqualTo(FIXTURE.failErrorType());
    assertThat(body.get("errorMessage").asText()).isEqualTo("bad input: 7");
    assertThat(body.get("stackTrace").get(0).asText()).startsWith("dev.gust.functions.Fail");
  }

  @ParameterizedTest
  @ValueSource(strings = {"java17", "java25"})
  void aHandlerClassThatFailsToInitializeIsAnInitError(String runtime) throws Exception {
    Started started = start(runtime, FIXTURE.handler(Behaviour.BROKEN_INIT));
    CompletableFuture<RuntimeOutcome> outcome =
        started.channel.submit(invocation("req-b", "{}", Optional.empty()));

    assertThatThrownBy(
            () -> started.channel.initialized().get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(RuntimeChannel.InitFailedException.class);
    assertThat(outcome(outcome)).isInstanceOf(RuntimeOutcome.InitError.class);
    RuntimeOutcome.InitError error = (RuntimeOutcome.InitError) outcome(outcome);
    assertThat(error.errorType()).isEqualTo("Runtime.BadFunctionCode");
    JsonNode body = JSON.readTree(error.body());
    assertThat(body.get("errorType").asText()).isEqualTo("java.lang.ExceptionInInitializerError");
    assertThat(body.get("errorMessage").asText()).contains("BrokenInit");
    assertThat(started.process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(started.process.exitValue()).isNotZero();
  }

  @Test
  void anOutOfMemoryErrorIsReportedAndEndsTheRuntime() throws Exception {
    Started started = start("java17", FIXTURE.handler(Behaviour.OOM));
    RuntimeOutcome outcome =
        outcome(started.channel.submit(invocation("req-o", "{}", Optional.empty())));
    assertThat(outcome).isInstanceOf(RuntimeOutcome.FunctionError.class);
    JsonNode body = JSON.readTree(((RuntimeOutcome.FunctionError) outcome).body());
    assertThat(body.get("errorType").asText()).isEqualTo(FIXTURE.oomErrorType());
    assertThat(body.get("errorMessage").asText()).isEqualTo("Java heap space");
    assertThat(started.process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
        .as("the RIC exits after a VirtualMachineError")
        .isTrue();
  }

  @Test
  void anSqsHandlerReceivesTheEventAsAwsSendsItAndReportsBatchItemFailures() throws Exception {
    Started started = start("java17", JavaFunctions.sqsHandler());
    String event =
        """
        {"Records": [
          {"messageId": "id-1", "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
           "body": "hello", "attributes": {"ApproximateReceiveCount": "1",
             "SentTimestamp": "1545082649183", "SenderId": "AIDAIENQZJOLO23YVJ4VO",
             "ApproximateFirstReceiveTimestamp": "1545082649185"},
           "messageAttributes": {"kind": {"stringValue": "greeting", "stringListValues": [],
             "binaryListValues": [], "dataType": "String"}},
           "md5OfBody": "5d41402abc4b2a76b9719d911017c592", "eventSource": "aws:sqs",
           "eventSourceARN": "arn:aws:sqs:us-east-1:000000000000:q", "awsRegion": "us-east-1"},
          {"messageId": "id-2", "receiptHandle": "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq",
           "body": "fail", "attributes": {"ApproximateReceiveCount": "1",
             "SentTimestamp": "1545082650636", "SenderId": "AIDAIENQZJOLO23YVJ4VO",
             "ApproximateFirstReceiveTimestamp": "1545082650649"},
           "messageAttributes": {}, "md5OfBody": "6f8f57715090da2632453988d9a1501b",
           "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:000000000000:q",
           "awsRegion": "us-east-1"}
        ]}
        """;
    JsonNode reply =
        json(
            success(started, started.channel.submit(invocation("req-s", event, Optional.empty()))));
    assertThat(reply)
        .isEqualTo(JSON.readTree("{\"batchItemFailures\":[{\"itemIdentifier\":\"id-2\"}]}"));
    assertThat(started.log()).contains("processing id-1", "processing id-2");
  }

  @Test
  void aStreamHandlerAnswersWithWhatItWritesAndLogsToBothStreams() throws Exception {
    Started started = start("java25", FIXTURE.handler(Behaviour.LOG));
    byte[] reply =
        success(started, started.channel.submit(invocation("req-l", "{}", Optional.empty())));
    assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("\"logged\"");
    assertThat(started.log()).contains("to-stdout req-l", "to-stderr req-l");
  }

  @ParameterizedTest
  @ValueSource(strings = {"java17", "java25"})
  void aTrainingRunWritesAnArchiveThatColdStartsThenUse(String runtime) throws Exception {
    Path installDir = scratch.resolve("trained");
    JavaRuntimes trained = JavaRuntimes.install(installDir);
    assumeTrue(trained.jdkFor(runtime).isPresent(), "no JDK for " + runtime + " on this host");
    List<String> training = trained.trainingCommand(runtime, installDir.toString()).orElseThrow();
    Path trainingLog = scratch.resolve("training.log");
    Process process =
        new ProcessBuilder(training)
            .directory(scratch.toFile())
            .redirectErrorStream(true)
            .redirectOutput(trainingLog.toFile())
            .start();
    processes.add(process);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(trainingLog)).isZero();
    assertThat(Files.readString(trainingLog)).contains("3 of 3 handlers");
    Path archive = trained.archive(runtime).orElseThrow();
    assertThat(trained.command(runtime, taskRoot.toString(), installDir.toString()).orElseThrow())
        .anySatisfy(option -> assertThat(option).endsWith(archive.getFileName().toString()));

    Path classLog = scratch.resolve("classes.log");
    Started started =
        start(
            trained,
            installDir,
            runtime,
            FIXTURE.handler(Behaviour.ECHO),
            Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classLog));
    json(success(started, started.channel.submit(invocation("req-t", "{}", Optional.empty()))));
    List<String> loaded = Files.readAllLines(classLog);
    long shared = loaded.stream().filter(line -> line.contains("shared objects file")).count();
    assertThat(shared)
        .as("classes loaded from the archive, of %d", loaded.size())
        .isGreaterThan(loaded.size() * 9L / 10);
    assertThat(loaded)
        .anySatisfy(
            line -> assertThat(line).contains("JacksonFactory ").contains("shared objects file"));
  }

  @Test
  void installingAgainKeepsUnchangedFilesAndDropsStaleOnes() throws Exception {
    Path installDir = scratch.resolve("again");
    JavaRuntimes.install(installDir);
    Path lib = installDir.resolve("lib");
    Map<Path, FileTime> before = new HashMap<>();
    try (var files = Files.list(lib)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        before.put(file, Files.getLastModifiedTime(file));
      }
    }
    assertThat(before.keySet())
        .extracting(path -> path.getFileName().toString())
        .contains(JavaRuntimes.JNI_LIBRARY)
        .anySatisfy(
            name -> assertThat(name).startsWith("aws-lambda-java-runtime-interface-client"));

    JavaRuntimes again = JavaRuntimes.install(installDir);
    for (Map.Entry<Path, FileTime> file : before.entrySet()) {
      assertThat(Files.getLastModifiedTime(file.getKey())).isEqualTo(file.getValue());
    }
    Path current = installDir.resolve(again.jdkFor("java17").orElseThrow().archiveName());
    Files.writeString(current, "an archive of this JDK");
    Files.writeString(installDir.resolve("jdk-17.0.1.jsa"), "an archive of an old JDK");
    JavaRuntimes.install(installDir);
    assertThat(current).exists();
    assertThat(installDir.resolve("jdk-17.0.1.jsa")).doesNotExist();

    Files.writeString(lib.resolve("aws-lambda-java-core-0.9.jar"), "stale");
    JavaRuntimes.install(installDir);
    assertThat(lib.resolve("aws-lambda-java-core-0.9.jar")).doesNotExist();
    assertThat(current).as("archives of the old classpath go with it").doesNotExist();
    assertThat(before.keySet()).allSatisfy(file -> assertThat(file).exists());
  }

  @Test
  void aRuntimeRunsOnItsOwnJdkElseTheLowestNewerOne() throws Exception {
    Path jvm = Files.createDirectory(scratch.resolve("jvm"));
    Path jdk17 = fakeJdk(jvm.resolve("java-17-openjdk-amd64"), "17.0.15");
    Path jdk25 = fakeJdk(jvm.resolve("temurin-25-jdk-amd64"), "25.0.3");
    fakeJdk(jvm.resolve("java-8-openjdk-amd64"), "1.8.0_452");
    Files.createDirectory(jvm.resolve("not-a-jdk"));
    Path home21 = fakeJdk(scratch.resolve("home-21"), "21.0.8");
    Path other25 = fakeJdk(scratch.resolve("other-25"), "25.0.1");

    record Row(Optional<Path> javaHome, int wanted, Optional<Path> expected) {}
    List<Row> table =
        List.of(
            new Row(Optional.empty(), 17, Optional.of(jdk17)),
            new Row(Optional.empty(), 21, Optional.of(jdk25)),
            new Row(Optional.empty(), 25, Optional.of(jdk25)),
            new Row(Optional.empty(), 11, Optional.of(jdk17)),
            new Row(Optional.empty(), 8, Optional.of(jvm.resolve("java-8-openjdk-amd64"))),
            new Row(Optional.empty(), 26, Optional.empty()),
            new Row(Optional.of(home21), 21, Optional.of(home21)),
            new Row(Optional.of(home21), 17, Optional.of(jdk17)),
            new Row(Optional.of(other25), 25, Optional.of(other25)));
    for (Row row : table) {
      assertThat(
              JavaRuntimes.select(JavaRuntimes.jdks(row.javaHome(), jvm), row.wanted())
                  .map(JavaRuntimes.Jdk::home))
          .as("JAVA_HOME %s, Java %d", row.javaHome(), row.wanted())
          .isEqualTo(row.expected().map(JavaRuntimeTest::real));
    }
    assertThat(runtimes.command("python3.13", "/var/task", "/var/runtime/java")).isEmpty();
    runtimes.jdkFor("java21").ifPresent(jdk -> assertThat(jdk.major()).isGreaterThanOrEqualTo(21));
  }

  private Started start(String runtime, String handler) throws IOException {
    return start(runtimes, shared.resolve("java"), runtime, handler, Map.of());
  }

  private Started start(
      JavaRuntimes from,
      Path installDir,
      String runtime,
      String handler,
      Map<String, String> extraEnvironment)
      throws IOException {
    Optional<List<String>> command =
        from.command(runtime, taskRoot.toString(), installDir.toString());
    assumeTrue(command.isPresent(), "no JDK for " + runtime + " on this host");
    RuntimeChannel channel = server.open();
    Path output = Files.createTempFile(scratch, runtime, ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command.get())
            .directory(taskRoot.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("_HANDLER", handler);
    env.put("AWS_LAMBDA_RUNTIME_API", channel.address());
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("AWS_LAMBDA_FUNCTION_NAME", "f");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/f");
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]abc");
    env.put("AWS_REGION", "us-east-1");
    env.put("STAGE", "test");
    env.putAll(extraEnvironment);
    Process process = builder.start();
    processes.add(process);
    return new Started(process, channel, output);
  }

  private static Invocation invocation(String id, String payload, Optional<String> clientContext) {
    return new Invocation(
        id,
        payload.getBytes(StandardCharsets.UTF_8),
        System.currentTimeMillis() + DEADLINE.toMillis(),
        ARN,
        Optional.of("Root=1-5759e988-bd862e3fe1be46a994272793"),
        clientContext,
        Optional.empty());
  }

  private static RuntimeOutcome outcome(CompletableFuture<RuntimeOutcome> future) throws Exception {
    return future.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  private static byte[] success(Started started, CompletableFuture<RuntimeOutcome> future)
      throws Exception {
    RuntimeOutcome outcome = outcome(future);
    if (outcome instanceof RuntimeOutcome.Success success) {
      return success.payload();
    }
    throw new AssertionError(describe(outcome) + "\nruntime output:\n" + started.log());
  }

  private static String describe(RuntimeOutcome outcome) {
    return switch (outcome) {
      case RuntimeOutcome.Success s -> "success " + new String(s.payload(), StandardCharsets.UTF_8);
      case RuntimeOutcome.FunctionError e ->
          e.errorType() + " " + new String(e.body(), StandardCharsets.UTF_8);
      case RuntimeOutcome.InitError e ->
          "init " + e.errorType() + " " + new String(e.body(), StandardCharsets.UTF_8);
    };
  }

  private static JsonNode json(byte[] bytes) throws IOException {
    return JSON.readTree(bytes);
  }

  private static Path fakeJdk(Path home, String version) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
    java.toFile().setExecutable(true);
    Files.writeString(
        home.resolve("release"),
        "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
    return home;
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path unzip(byte[] zip, Path target) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path file = target.resolve(entry.getName()).normalize();
        Files.createDirectories(file.getParent());
        Files.copy(in, file);
      }
    }
    return target;
  }
}
