package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code /usr/bin/node} running Gust's Node.js bootstrap against a real Runtime API, for the
 * Node.js bootstrap tests: starts it for a handler written into a task root, submits invocations
 * and reads what came back.
 */
abstract class NodeRuntimeHarness {

  static final Duration DEADLINE = Duration.ofSeconds(10);
  static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:fn";
  static final ObjectMapper JSON = new ObjectMapper();

  private final RuntimeApiServer server = RuntimeApiServer.start();
  private final List<Process> processes = new ArrayList<>();
  RuntimeChannel channel;
  Process process;
  private Path stdout;
  Path stderr;
  int invocations;

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

  /** Starts the bootstrap for {@code handler} with the environment Lambda gives a function. */
  void start(String handler) throws IOException {
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

  RuntimeOutcome invoke(String payload) throws Exception {
    return invoke(payload, Optional.empty(), Optional.empty(), Optional.empty());
  }

  RuntimeOutcome invoke(
      String payload,
      Optional<String> traceId,
      Optional<String> clientContext,
      Optional<String> identity)
      throws Exception {
    return invoke(payload, traceId, clientContext, identity, true);
  }

  /** Submits an invocation; waits for its outcome when {@code await} is set, else returns null. */
  RuntimeOutcome invoke(
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

  int exitCode() throws Exception {
    assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
        .as("the runtime process ended")
        .isTrue();
    return process.exitValue();
  }

  static String success(RuntimeOutcome outcome) {
    assertThat(outcome).isInstanceOf(RuntimeOutcome.Success.class);
    return new String(((RuntimeOutcome.Success) outcome).payload(), StandardCharsets.UTF_8);
  }

  static RuntimeOutcome.FunctionError functionError(RuntimeOutcome outcome) {
    assertThat(outcome).isInstanceOf(RuntimeOutcome.FunctionError.class);
    return (RuntimeOutcome.FunctionError) outcome;
  }

  static JsonNode json(byte[] bytes) {
    return json(new String(bytes, StandardCharsets.UTF_8));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String stdout() throws IOException {
    return Files.readString(stdout);
  }

  void write(String name, String content) {
    try {
      Path file = taskRoot.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void unzip(byte[] zip) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        write(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }
}
