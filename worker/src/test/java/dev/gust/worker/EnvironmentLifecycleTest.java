package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.runtimes.Invocation;
import dev.gust.runtimes.ManagedRuntimes;
import dev.gust.runtimes.RuntimeApiServer;
import dev.gust.sandbox.ProcessBackend;
import dev.gust.testkit.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment lifecycle, driven through a real worker running real Python runtimes: init, warm
 * reuse with freezing between invocations, stop on a crash, stop on shutdown. Fails if a declared
 * transition is never exercised.
 */
class EnvironmentLifecycleTest {

  private static final Set<String> EXERCISED = new ConcurrentSkipListSet<>();

  @TempDir Path dir;
  private ProcessBackend sandboxes;
  private RuntimeApiServer runtimeApi;
  private Worker worker;

  @BeforeEach
  void start() throws IOException {
    // As a node does with its data directory: runtimes may pass through, not list or read it.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    sandboxes = new ProcessBackend();
    runtimeApi = RuntimeApiServer.start();
    worker =
        new Worker(
            sandboxes,
            runtimeApi,
            ManagedRuntimes.install(dir.resolve("runtimes")),
            dir.resolve("work"),
            dir.resolve("logs"),
            "http://127.0.0.1:1",
            InstantSource.system(),
            (spec, from, to) -> EXERCISED.add(from + "->" + to));
  }

  @AfterEach
  void stop() {
    worker.close();
    runtimeApi.close();
    sandboxes.close();
  }

  @AfterAll
  static void everyDeclaredTransitionWasExercised() {
    for (EnvironmentState from : EnvironmentState.values()) {
      for (EnvironmentState to : from.next()) {
        assertThat(EXERCISED).as("transition never exercised").contains(from + "->" + to);
      }
    }
  }

  @Test
  void aWarmEnvironmentIsFrozenWhileIdleAndThawedForTheNextInvocation() throws IOException {
    FunctionSpec spec = spec("import os\ndef handler(e, c):\n    return os.getpid()\n");
    int pid = Integer.parseInt(ok(worker.invoke(spec, invocation("r1"))));
    assertThat(worker.environmentCount()).isEqualTo(1);
    Optional<Path> freezer = freezerState(pid);
    freezer.ifPresent(state -> assertThat(read(state)).as("idle means frozen").isEqualTo("FROZEN"));

    assertThat(ok(worker.invoke(spec, invocation("r2")))).isEqualTo(Integer.toString(pid));
    worker.close();
    assertThat(worker.environmentCount()).isZero();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void aCrashStopsTheEnvironmentAndTheNextInvocationStartsAnother() {
    FunctionSpec spec = spec("import os\ndef handler(e, c):\n    os._exit(int(e))\n");
    Invoked crashed = worker.invoke(spec, invocation("r1"));
    assertThat(crashed.outcome())
        .isEqualTo(
            new InvokeOutcome.SandboxFailed(
                "Runtime.ExitError", "Runtime exited with error: exit status 3"));
    assertThat(crashed.log()).contains("RequestId: r1 Error: Runtime exited with error");
    assertThat(worker.environmentCount()).isZero();
  }

  private FunctionSpec spec(String code) {
    byte[] zip = Zips.of(Map.of("app.py", code));
    Path file = dir.resolve("code-" + Integer.toHexString(code.hashCode()) + ".zip");
    try {
      Files.write(file, zip);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new FunctionSpec(
        "fn",
        "arn:aws:lambda:us-east-1:000000000000:function:fn",
        "$LATEST",
        "us-east-1",
        "python3.13",
        "app.handler",
        128,
        10,
        512,
        Map.of(),
        "/aws/lambda/fn",
        Integer.toHexString(code.hashCode()),
        file);
  }

  private static Invocation invocation(String requestId) {
    return new Invocation(
        requestId,
        "3".getBytes(StandardCharsets.UTF_8),
        System.currentTimeMillis() + 10_000,
        "arn:aws:lambda:us-east-1:000000000000:function:fn",
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static String ok(Invoked invoked) {
    assertThat(invoked.outcome()).isInstanceOf(InvokeOutcome.Ok.class);
    return new String(((InvokeOutcome.Ok) invoked.outcome()).payload(), StandardCharsets.UTF_8);
  }

  /** The v1 freezer state file of a process's cgroup, where the host has a v1 freezer. */
  private static Optional<Path> freezerState(int pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
      String[] parts = line.split(":", 3);
      if (parts[1].equals("freezer") && !parts[2].equals("/")) {
        return Optional.of(Path.of("/sys/fs/cgroup/freezer" + parts[2], "freezer.state"));
      }
    }
    return Optional.empty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
