package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.TransitionCoverage;
import dev.gust.runtimes.Invocation;
import dev.gust.testkit.Await;
import dev.gust.testkit.FakeClock;
import dev.gust.testkit.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment lifecycle, driven through the worker manager and a real worker running real
 * Python runtimes, on a fake clock: init, warm reuse with freezing between invocations, stop on a
 * crash, on the end of the keep-alive and on shutdown, provisioned init ahead of invocations. Fails
 * if a declared transition is never exercised.
 */
class EnvironmentLifecycleTest {

  private static final TransitionCoverage<EnvironmentState> COVERAGE =
      EnvironmentState.TRANSITIONS.cover();

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
  private RealWorker real;
  private LocalWorker worker;
  private WorkerManager manager;

  @BeforeEach
  void start() {
    real = new RealWorker(dir, clock);
    worker = real.worker;
    manager = new WorkerManager(List.of(worker), clock, WorkerManager.Settings.defaults());
  }

  @AfterEach
  void stop() {
    manager.close();
    real.close();
  }

  @AfterAll
  static void everyDeclaredTransitionWasExercised() {
    COVERAGE.assertAllExercised();
  }

  @Test
  void aWarmEnvironmentIsFrozenWhileIdleAndThawedForTheNextInvocation() throws IOException {
    FunctionSpec spec = spec("import os\ndef handler(e, c):\n    return os.getpid()\n");
    int pid = Integer.parseInt(ok(invoke(spec, "r1")));
    assertThat(worker.environmentCount()).isEqualTo(1);
    Optional<Path> freezer = freezerState(pid);
    freezer.ifPresent(
        state -> assertThat(read(state)).as("not frozen right away").isEqualTo("THAWED"));
    clock.advance(Environment.FREEZE_DELAY);
    // The kernel may report FREEZING for a moment before FROZEN.
    freezer.ifPresent(
        state -> Await.until("idle means frozen", () -> read(state).equals("FROZEN")));

    assertThat(ok(invoke(spec, "r2"))).isEqualTo(Integer.toString(pid));
    manager.close();
    assertThat(worker.environmentCount()).isZero();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void aCrashStopsTheEnvironmentAndTheNextInvocationStartsAnother() {
    FunctionSpec spec = spec("import os\ndef handler(e, c):\n    os._exit(int(e))\n");
    Invoked crashed = invoke(spec, "r1");
    assertThat(crashed.outcome())
        .isEqualTo(
            new InvokeOutcome.SandboxFailed(
                "Runtime.ExitError", "Runtime exited with error: exit status 3"));
    assertThat(crashed.log()).contains("RequestId: r1 Error: Runtime exited with error");
    assertThat(worker.environmentCount()).isZero();
    assertThat(manager.environmentCount()).isZero();
  }

  @Test
  void anIdleEnvironmentIsShutDownWhenItsKeepAliveEnds() {
    FunctionSpec spec = spec("import os\ndef handler(e, c):\n    return os.getpid()\n");
    long pid = Long.parseLong(ok(invoke(spec, "r1")));
    clock.advance(Duration.ofMinutes(9));
    assertThat(worker.environmentCount()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1).plusSeconds(10));
    Await.until("the idle environment is shut down", () -> worker.environmentCount() == 0);
    Await.until(
        "its runtime process is gone",
        () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false);
  }

  @Test
  void provisionedEnvironmentsInitializeAheadAndAreReplacedAfterACrash() throws Exception {
    FunctionSpec spec =
        spec(
            "import os\nTYPE = os.environ['AWS_LAMBDA_INITIALIZATION_TYPE']\n"
                + "def handler(e, c):\n    if e == 3: os._exit(3)\n    return TYPE\n");
    Provisioning provisioning = new Provisioning();
    manager.provision("fn:1", spec, 1, provisioning);
    Await.until("provisioned", () -> provisioning.ready.get() == 1);
    assertThat(worker.environmentCount()).isEqualTo(1);

    Dispatched served = manager.invoke(spec, Optional.of("fn:1"), invocation("r1", "1"));
    assertThat(served.provisioned()).isTrue();
    assertThat(served.coldStart()).isFalse();
    assertThat(served.invoked().initDuration()).as("init ran before the invocation").isEmpty();
    assertThat(ok(served.invoked())).isEqualTo("\"provisioned-concurrency\"");

    Dispatched crashed = manager.invoke(spec, Optional.of("fn:1"), invocation("r2", "3"));
    assertThat(crashed.invoked().outcome()).isInstanceOf(InvokeOutcome.SandboxFailed.class);
    Await.until("a replacement is provisioned", () -> provisioning.ready.get() == 2);
    assertThat(manager.invoke(spec, Optional.of("fn:1"), invocation("r3", "1")).provisioned())
        .isTrue();
  }

  @Test
  void aProvisionedEnvironmentWhoseInitFailsIsReportedAndStopped() {
    FunctionSpec spec = spec("raise RuntimeError('no')\ndef handler(e, c):\n    return 1\n");
    Provisioning provisioning = new Provisioning();
    manager.provision("fn:1", spec, 1, provisioning);
    Await.until("the failure is reported", () -> provisioning.failure.get() != null);
    assertThat(provisioning.failure.get()).startsWith("FUNCTION_ERROR_INIT_FAILED");
    assertThat(worker.environmentCount()).isZero();
  }

  /** Counts environments reported ready, and keeps the last failure. */
  private static final class Provisioning implements WorkerManager.ProvisioningListener {
    final AtomicInteger ready = new AtomicInteger();
    final AtomicReference<String> failure = new AtomicReference<>();

    @Override
    public void progress(int done, int requested) {
      if (done > 0) {
        ready.incrementAndGet();
      }
    }

    @Override
    public void failed(String reason) {
      failure.set(reason);
    }
  }

  private Invoked invoke(FunctionSpec spec, String requestId) {
    return manager.invoke(spec, Optional.empty(), invocation(requestId, "3")).invoked();
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

  private static Invocation invocation(String requestId, String payload) {
    return new Invocation(
        requestId,
        payload.getBytes(StandardCharsets.UTF_8),
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
