package dev.gust.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import dev.gust.metrics.Metrics;
import dev.gust.registry.ConfigChanges;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.Limits;
import dev.gust.registry.Registry;
import dev.gust.store.BlobStore;
import dev.gust.store.Database;
import dev.gust.testkit.FakeClock;
import dev.gust.testkit.Zips;
import dev.gust.worker.CapacityException;
import dev.gust.worker.WorkerManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each refusal of the invoke path as a value: a real registry on SQLite whose code preparation the
 * test runs by hand, and a worker manager without workers, so no invocation ever reaches a sandbox.
 */
class InvokePathTest {

  private static final Scope SCOPE = Scope.defaultScope();

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
  private final Queue<Runnable> preparations = new ArrayDeque<>();
  private final Concurrency concurrency = new Concurrency();
  private Database database;
  private Registry registry;
  private WorkerManager workers;
  private Metrics metrics;
  private InvokePath path;

  @BeforeEach
  void open() {
    database = Database.sqlite(dir.resolve("gust.db"));
    registry =
        Registry.open(
            database,
            new BlobStore(dir.resolve("code")),
            clock,
            preparations::add,
            Limits.defaults(),
            Ownership.everything());
    workers = new WorkerManager(List.of(), clock, WorkerManager.Settings.defaults());
    metrics = Metrics.create(clock);
    path = new InvokePath(registry, concurrency, workers, metrics, clock, new Random(7));
  }

  @AfterEach
  void close() {
    workers.close();
    database.close();
  }

  @Test
  void aMissingFunctionOrVersionIsNotFound() {
    create("f");
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:";
    assertThat(path.resolve(SCOPE, FunctionRef.unqualified("gone")))
        .isEqualTo(new InvokeResult.NotFound(arn + "gone"));
    assertThat(invoke(FunctionRef.unqualified("f").withQualifier("3")))
        .isEqualTo(new InvokeResult.NotFound(arn + "f:3"));
  }

  @Test
  void aFunctionBeingCreatedIsPendingUntilItsCodeIsPrepared() {
    registry.create(SCOPE, function("f"));
    assertThat(path.resolve(SCOPE, FunctionRef.unqualified("f")))
        .isEqualTo(new InvokeResult.Pending());
    assertThat(invoke(FunctionRef.unqualified("f"))).isEqualTo(new InvokeResult.Pending());
    preparations.remove().run();
    assertThat(path.resolve(SCOPE, FunctionRef.unqualified("f")))
        .isInstanceOf(InvokePath.Target.class);
  }

  @Test
  void aFunctionWithoutConcurrencyIsThrottledWithItsReason() {
    create("f");
    registry.putConcurrency(SCOPE, "f", 0);
    assertThat(invoke(FunctionRef.unqualified("f")))
        .isEqualTo(
            new InvokeResult.Throttled(
                ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED));
    assertThat(metrics.scrape()).contains("lambda_Throttles_total{FunctionName=\"f\"");
  }

  @Test
  void anEnvironmentNoWorkerHasRoomForIsNoCapacityAndGivesItsLeaseBack() {
    create("f");
    InvokeResult result = invoke(FunctionRef.unqualified("f"));
    assertThat(result).isInstanceOf(InvokeResult.NoCapacity.class);
    assertThat(((InvokeResult.NoCapacity) result).reason())
        .isEqualTo(CapacityException.Reason.MEMORY);
    assertThat(concurrency.totalRunning()).isZero();
    assertThat(metrics.scrape()).contains("lambda_Throttles_total{FunctionName=\"f\"");
  }

  private void create(String name) {
    registry.create(SCOPE, function(name));
    preparations.remove().run();
  }

  private static Registry.NewFunction function(String name) {
    ConfigChanges config =
        ConfigChanges.forCreate(
            "python3.13", "arn:aws:iam::000000000000:role/r", "handler.handler", Optional.empty());
    return new Registry.NewFunction(name, config, Optional.of(Zips.python("0")), Map.of(), false);
  }

  private InvokeResult invoke(FunctionRef ref) {
    return path.invoke(
        new InvokePath.Request(
            SCOPE, ref, "{}".getBytes(StandardCharsets.UTF_8), Optional.empty(), "request-1"));
  }
}
