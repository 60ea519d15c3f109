package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.runtimes.Invocation;
import dev.gust.testkit.Await;
import dev.gust.testkit.FakeClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker manager's policies against in-memory workers and a fake clock: reuse, keep-alive,
 * scaling rate, placement by memory, provisioned concurrency and spillover.
 */
class WorkerManagerTest {

  private final FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
  private final List<WorkerManager> managers = new ArrayList<>();

  @AfterEach
  void close() {
    managers.forEach(WorkerManager::close);
  }

  private WorkerManager manager(WorkerManager.Settings settings, Worker... workers) {
    WorkerManager manager = new WorkerManager(List.of(workers), clock, settings);
    managers.add(manager);
    return manager;
  }

  @Test
  void theMostRecentlyUsedIdleEnvironmentServesTheNextInvocation() throws Exception {
    FakeWorker worker = new FakeWorker("w", 10_000);
    WorkerManager manager = manager(WorkerManager.Settings.defaults(), worker);
    FunctionSpec spec = spec("f", 128);
    // Two at once need two environments; then one invocation reuses the one returned last.
    Future<Dispatched> first = hold(manager, spec);
    Future<Dispatched> second = hold(manager, spec);
    awaitStarts(2, worker);
    worker.release();
    String a = answer(first.get());
    String b = answer(second.get());
    assertThat(a).isNotEqualTo(b);
    Dispatched third = manager.invoke(spec, Optional.empty(), invocation("{}"));
    assertThat(third.coldStart()).isFalse();
    assertThat(answer(third)).isIn(a, b);
    clock.advance(Duration.ofSeconds(1));
    Dispatched again = manager.invoke(spec, Optional.empty(), invocation("{}"));
    assertThat(answer(again)).isEqualTo(answer(third));
    assertThat(worker.starts()).isEqualTo(2);
  }

  @Test
  void idleEnvironmentsAreShutDownAfterTheKeepAlive() {
    FakeWorker worker = new FakeWorker("w", 10_000);
    WorkerManager manager =
        manager(WorkerManager.Settings.defaults().withKeepAlive(Duration.ofMinutes(10)), worker);
    manager.invoke(spec("f", 128), Optional.empty(), invocation("{}"));
    clock.advance(Duration.ofMinutes(9));
    assertThat(manager.environmentCount()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1).plusSeconds(10));
    assertThat(manager.environmentCount()).isZero();
    Dispatched next = manager.invoke(spec("f", 128), Optional.empty(), invocation("{}"));
    assertThat(next.coldStart()).isTrue();
  }

  @Test
  void aCrashedEnvironmentIsReplacedByTheNextInvocation() {
    FakeWorker worker = new FakeWorker("w", 10_000);
    WorkerManager manager = manager(WorkerManager.Settings.defaults(), worker);
    FunctionSpec spec = spec("f", 128);
    Dispatched crashed = manager.invoke(spec, Optional.empty(), invocation("\"crash\""));
    assertThat(crashed.invoked().reusable()).isFalse();
    assertThat(manager.environmentCount()).isZero();
    Dispatched next = manager.invoke(spec, Optional.empty(), invocation("{}"));
    assertThat(next.coldStart()).isTrue();
    assertThat(next.invoked().outcome()).isInstanceOf(InvokeOutcome.Ok.class);
  }

  @Test
  void newEnvironmentsAreLimitedByTheScalingRateWhichRefillsContinuously() throws Exception {
    FakeWorker worker = new FakeWorker("w", 100_000);
    WorkerManager manager =
        manager(WorkerManager.Settings.defaults().withScaling(2, Duration.ofSeconds(10)), worker);
    FunctionSpec spec = spec("f", 128);
    Future<Dispatched> a = hold(manager, spec);
    Future<Dispatched> b = hold(manager, spec);
    awaitStarts(2, worker);
    assertThatThrownBy(() -> manager.invoke(spec, Optional.empty(), invocation("{}")))
        .isInstanceOfSatisfying(
            CapacityException.class,
            e -> assertThat(e.reason()).isEqualTo(CapacityException.Reason.SCALING_RATE));
    // Another function has its own bucket.
    assertThat(manager.invoke(spec("g", 128), Optional.empty(), invocation("{}")).coldStart())
        .isTrue();
    clock.advance(Duration.ofSeconds(5));
    Future<Dispatched> c = hold(manager, spec);
    awaitStarts(4, worker);
    worker.release();
    assertThat(List.of(a.get(), b.get(), c.get())).allMatch(Dispatched::coldStart);
  }

  @Test
  void placementPicksTheWorkerWithTheMostFreeMemoryAndRefusesToOvercommit() throws Exception {
    FakeWorker small = new FakeWorker("small", 1024);
    FakeWorker large = new FakeWorker("large", 2048);
    WorkerManager manager = manager(WorkerManager.Settings.defaults(), small, large);
    List<Future<Dispatched>> held = new ArrayList<>();
    // 1024 MB environments: large (2048 free), then small and large tie at 1024, then the other.
    for (int i = 0; i < 3; i++) {
      held.add(hold(manager, spec("big" + i, 1024)));
      awaitStarts(i + 1, small, large);
    }
    assertThat(large.starts()).isEqualTo(2);
    assertThat(small.starts()).isEqualTo(1);
    assertThatThrownBy(() -> manager.invoke(spec("more", 128), Optional.empty(), invocation("{}")))
        .isInstanceOfSatisfying(
            CapacityException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(CapacityException.Reason.MEMORY);
              assertThat(e.getMessage()).contains("small uses 1024 of 1024 MB");
            });
    small.release();
    large.release();
    for (Future<Dispatched> f : held) {
      f.get();
    }
    // Now all three are idle: a new function evicts the least recently used one.
    assertThat(manager.invoke(spec("more", 1024), Optional.empty(), invocation("{}")).coldStart())
        .isTrue();
    assertThat(manager.environmentCount()).isEqualTo(3);
  }

  @Test
  void provisionedEnvironmentsServeFirstAndBusyOnesSpillOverToOnDemand() throws Exception {
    FakeWorker worker = new FakeWorker("w", 10_000);
    WorkerManager manager = manager(WorkerManager.Settings.defaults(), worker);
    FunctionSpec spec = spec("f", 128);
    List<String> progress = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    manager.provision(
        "f:live",
        spec,
        2,
        new WorkerManager.ProvisioningListener() {
          @Override
          public void progress(int done, int requested) {
            progress.add(done + "/" + requested);
            if (done == requested) {
              ready.complete(null);
            }
          }

          @Override
          public void failed(String reason) {
            ready.completeExceptionally(new IllegalStateException(reason));
          }
        });
    ready.get();
    assertThat(progress).startsWith("0/2").endsWith("2/2");
    Future<Dispatched> a = hold(manager, spec, Optional.of("f:live"));
    Future<Dispatched> b = hold(manager, spec, Optional.of("f:live"));
    Await.until("both provisioned environments busy", () -> manager.idleProvisioned() == 0);
    Dispatched spilled = manager.invoke(spec, Optional.of("f:live"), invocation("{}"));
    assertThat(spilled.coldStart()).isTrue();
    assertThat(spilled.spillover()).isTrue();
    worker.release();
    assertThat(List.of(a.get(), b.get()))
        .allMatch(d -> d.provisioned() && !d.coldStart() && !d.spillover());
    // An invocation without the qualifier does not use the provisioned environments.
    Dispatched plain = manager.invoke(spec, Optional.empty(), invocation("{}"));
    assertThat(plain.provisioned()).isFalse();
    // Provisioned environments outlive the keep-alive; on-demand ones do not.
    clock.advance(Duration.ofMinutes(11));
    assertThat(manager.environmentCount()).isEqualTo(2);
    manager.deprovision("f:live");
    assertThat(manager.environmentCount()).isZero();
  }

  private Future<Dispatched> hold(WorkerManager manager, FunctionSpec spec) {
    return hold(manager, spec, Optional.empty());
  }

  private Future<Dispatched> hold(WorkerManager manager, FunctionSpec spec, Optional<String> key) {
    return Executors.newVirtualThreadPerTaskExecutor()
        .submit(() -> manager.invoke(spec, key, invocation("\"hold\"")));
  }

  private static void awaitStarts(long starts, FakeWorker... workers) {
    Await.until(
        starts + " environment starts",
        () -> java.util.Arrays.stream(workers).mapToLong(FakeWorker::starts).sum() == starts);
  }

  private static String answer(Dispatched dispatched) {
    return new String(
        ((InvokeOutcome.Ok) dispatched.invoked().outcome()).payload(), StandardCharsets.UTF_8);
  }

  static FunctionSpec spec(String name, int memoryMb) {
    return new FunctionSpec(
        name,
        "arn:aws:lambda:us-east-1:000000000000:function:" + name,
        "$LATEST",
        "us-east-1",
        "python3.13",
        "app.handler",
        memoryMb,
        3,
        512,
        Map.of(),
        "/aws/lambda/" + name,
        "code",
        Path.of("/nonexistent"));
  }

  static Invocation invocation(String payload) {
    return new Invocation(
        "r",
        payload.getBytes(StandardCharsets.UTF_8),
        0,
        "arn",
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
