package dev.gust.runtimes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Real runtime processes (Gust's bootstraps on {@code /usr/bin/python3} and {@code /usr/bin/node})
 * against a real Runtime API, started either normally for a function or as stem cells, the way the
 * worker starts them but without a sandbox.
 */
final class RuntimeProcesses implements AutoCloseable {

  static final Duration DEADLINE = Duration.ofSeconds(10);
  static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:fn";

  private final RuntimeApiServer server = RuntimeApiServer.start();
  private final ManagedRuntimes runtimes;
  private final Path logs;
  private final List<Process> processes = new ArrayList<>();
  private int invocations;

  /** A started runtime: its process, its Runtime API and where its output goes. */
  record Started(Process process, RuntimeChannel channel, Path stdout, Path stderr) {
    String output() throws IOException {
      return Files.readString(stdout) + Files.readString(stderr);
    }
  }

  RuntimeProcesses(Path runtimeDir, Path logs) {
    this.runtimes = ManagedRuntimes.install(runtimeDir);
    this.logs = logs;
  }

  /** Starts a runtime for a function, as a cold start without stem cells does. */
  Started normal(String runtime, Path taskRoot, String handler, Map<String, String> variables)
      throws IOException {
    RuntimeChannel channel = server.open();
    List<String> command =
        runtimes.command(runtime, taskRoot.toString(), runtimes.runtimeDir().toString()).get();
    return start(
        command, taskRoot, channel, environment(runtime, taskRoot, handler, channel, variables));
  }

  /** Starts a stem cell in {@code taskRoot}, with the environment the cell needs and no more. */
  Started cell(String runtime, Path taskRoot) throws IOException {
    return cell(runtime, taskRoot, Map.of());
  }

  /** Starts a stem cell in {@code taskRoot}, with {@code variables} besides what it needs. */
  Started cell(String runtime, Path taskRoot, Map<String, String> variables) throws IOException {
    RuntimeChannel channel = server.open();
    List<String> command =
        runtimes
            .stemCellCommand(runtime, taskRoot.toString(), runtimes.runtimeDir().toString())
            .get();
    Map<String, String> env = new LinkedHashMap<>(base());
    env.put("AWS_LAMBDA_RUNTIME_API", channel.address());
    env.put(ManagedRuntimes.STEM_CELL, "1");
    env.putAll(variables);
    return start(command, taskRoot, channel, env);
  }

  /** The environment the worker gives a runtime of this function, then the function's own. */
  Map<String, String> environment(
      String runtime,
      Path taskRoot,
      String handler,
      RuntimeChannel channel,
      Map<String, String> variables) {
    Map<String, String> env = new LinkedHashMap<>(base());
    env.put("_HANDLER", handler);
    env.put("AWS_LAMBDA_FUNCTION_NAME", "fn");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/fn");
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]0123abcd");
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_EXECUTION_ENV", ManagedRuntimes.executionEnv(runtime).orElseThrow());
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", runtimes.runtimeDir().toString());
    env.put("AWS_LAMBDA_RUNTIME_API", channel.address());
    env.putAll(variables);
    return env;
  }

  private static Map<String, String> base() {
    return Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "en_US.UTF-8", "TZ", ":UTC");
  }

  private Started start(
      List<String> command, Path taskRoot, RuntimeChannel channel, Map<String, String> env)
      throws IOException {
    Path stdout = logs.resolve("stdout-" + processes.size());
    Path stderr = logs.resolve("stderr-" + processes.size());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(taskRoot.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    return new Started(process, channel, stdout, stderr);
  }

  /**
   * Runs what makes {@code runtime}'s cold starts fast (a Java class-data archive), if anything.
   */
  void prepare(String runtime) throws IOException, InterruptedException {
    Optional<List<String>> command =
        runtimes.preparation(runtime, runtimes.runtimeDir().toString());
    if (command.isPresent()) {
      Process process =
          new ProcessBuilder(command.get())
              .redirectErrorStream(true)
              .redirectOutput(logs.resolve("prepare-" + runtime).toFile())
              .start();
      processes.add(process);
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("preparing " + runtime + " failed");
      }
    }
  }

  /** The command that starts a stem cell of {@code runtime} on this host, if there is one. */
  Optional<List<String>> stemCellCommand(String runtime, Path taskRoot) {
    return runtimes.stemCellCommand(runtime, taskRoot.toString(), runtimes.runtimeDir().toString());
  }

  /** Invokes the runtime with {@code payload} and waits for what it answers. */
  RuntimeOutcome invoke(Started started, String payload)
      throws InterruptedException, ExecutionException, TimeoutException {
    invocations++;
    return started
        .channel()
        .submit(
            new Invocation(
                "req-" + invocations,
                payload.getBytes(StandardCharsets.UTF_8),
                System.currentTimeMillis() + 60_000,
                ARN,
                Optional.empty(),
                Optional.empty(),
                Optional.empty()))
        .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  static void write(Path taskRoot, String name, String content) {
    try {
      Path file = taskRoot.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unpacks a deployment package into {@code taskRoot}. */
  static void unzip(Path taskRoot, byte[] zip) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path file = taskRoot.resolve(entry.getName()).normalize();
        Files.createDirectories(file.getParent());
        Files.copy(in, file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    processes.forEach(Process::destroyForcibly);
    for (Process process : processes) {
      process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
    server.close();
  }
}
