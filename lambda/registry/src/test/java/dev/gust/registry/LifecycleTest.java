package dev.gust.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.AwsException;
import dev.gust.core.IllegalTransitionException;
import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import dev.gust.core.TransitionCoverage;
import dev.gust.store.BlobStore;
import dev.gust.store.Database;
import dev.gust.testkit.FakeClock;
import dev.gust.testkit.Zips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The $LATEST lifecycle, driven through the registry with a preparer the test runs by hand, so
 * every settling state can be observed. Fails if a declared transition of {@link
 * Lifecycle#TRANSITIONS} is never exercised.
 */
class LifecycleTest {

  private static final TransitionCoverage<Lifecycle> COVERAGE = Lifecycle.TRANSITIONS.cover();
  private static final Scope SCOPE = Scope.defaultScope();

  @TempDir Path dir;
  private final Queue<Runnable> pending = new ArrayDeque<>();
  private final Executor preparer = pending::add;
  private Database database;
  private BlobStore blobs;
  private Registry registry;

  @BeforeEach
  void open() {
    database = Database.sqlite(dir.resolve("gust.db"));
    blobs = new BlobStore(dir.resolve("code"));
    registry =
        Registry.open(
            database,
            blobs,
            FakeClock.at("2026-01-01T00:00:00Z"),
            preparer,
            Limits.defaults(),
            Ownership.everything());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @AfterAll
  static void everyDeclaredTransitionWasExercised() {
    COVERAGE.assertAllExercised();
  }

  @Test
  void createIsPendingUntilPreparedThenActive() {
    FunctionVersion created = create("fn", Zips.python("1"));
    assertThat(created.lifecycle()).isEqualTo(Lifecycle.CREATING);
    assertThat(latest("fn").lifecycle().state()).isEqualTo("Pending");
    assertConflict(() -> updateMemory("fn", 256), "following state: Pending");
    prepareAll();
    assertThat(latest("fn").lifecycle()).isEqualTo(Lifecycle.ACTIVE);
    assertThat(latest("fn").lifecycle().lastUpdateStatus()).contains("Successful");
  }

  @Test
  void updatesAreInProgressUntilApplied() {
    create("fn", Zips.python("1"));
    prepareAll();
    FunctionVersion updating = updateMemory("fn", 256);
    assertThat(updating.lifecycle()).isEqualTo(Lifecycle.UPDATING);
    assertThat(updating.lifecycle().lastUpdateStatus()).contains("InProgress");
    assertConflict(() -> updateMemory("fn", 512), "An update is in progress");
    assertConflict(
        () -> registry.publish(SCOPE, "fn", Optional.empty(), Optional.empty(), Optional.empty()),
        "An update is in progress");
    prepareAll();
    assertThat(latest("fn").lifecycle()).isEqualTo(Lifecycle.ACTIVE);
    assertThat(latest("fn").config().memorySizeMb()).isEqualTo(256);
  }

  @Test
  void codeLostBeforePreparationFailsTheCreateAndAnUpdateRecovers() throws IOException {
    FunctionVersion created = create("fn", Zips.python("1"));
    Files.delete(blobs.path(created.code().blobKey()));
    prepareAll();
    FunctionVersion failed = latest("fn");
    assertThat(failed.lifecycle()).isEqualTo(Lifecycle.CREATE_FAILED);
    assertThat(failed.lifecycle().state()).isEqualTo("Failed");
    assertThat(failed.failureReason()).hasValueSatisfying(r -> assertThat(r).contains("missing"));

    FunctionVersion retried = updateCode("fn", Zips.python("2"));
    assertThat(retried.lifecycle()).isEqualTo(Lifecycle.UPDATING);
    prepareAll();
    assertThat(latest("fn").lifecycle()).isEqualTo(Lifecycle.ACTIVE);
  }

  @Test
  void corruptCodeFailsAnUpdateAndTheNextUpdateRecovers() throws IOException {
    create("fn", Zips.python("1"));
    prepareAll();
    FunctionVersion updating = updateCode("fn", Zips.python("2"));
    Files.write(blobs.path(updating.code().blobKey()), new byte[] {1, 2, 3});
    prepareAll();
    assertThat(latest("fn").lifecycle()).isEqualTo(Lifecycle.UPDATE_FAILED);
    assertThat(latest("fn").lifecycle().lastUpdateStatus()).contains("Failed");

    FunctionVersion again = updateCode("fn", Zips.python("3"));
    assertThat(again.lifecycle()).isEqualTo(Lifecycle.UPDATING);
    prepareAll();
    assertThat(latest("fn").lifecycle()).isEqualTo(Lifecycle.ACTIVE);
  }

  @Test
  void reopeningResumesPreparationLeftUnsettledByACrash() {
    create("fn", Zips.python("1"));
    pending.clear();
    database.close();
    database = Database.sqlite(dir.resolve("gust.db"));
    registry =
        Registry.open(
            database,
            blobs,
            FakeClock.at("2026-01-01T00:00:00Z"),
            preparer,
            Limits.defaults(),
            Ownership.everything());
    assertThat(pending).hasSize(1);
    prepareAll();
    assertThat(latest("fn").lifecycle()).isEqualTo(Lifecycle.ACTIVE);
  }

  @Test
  void undeclaredTransitionsAreBugs() {
    for (Lifecycle from : Lifecycle.values()) {
      Set<Lifecycle> targets = Lifecycle.TRANSITIONS.targets(from);
      for (Lifecycle to : Lifecycle.values()) {
        if (!targets.contains(to)) {
          assertThatThrownBy(() -> Lifecycle.TRANSITIONS.move(from, to))
              .isInstanceOf(IllegalTransitionException.class);
        }
      }
    }
  }

  private FunctionVersion create(String name, byte[] zip) {
    ConfigChanges config =
        ConfigChanges.forCreate(
            "python3.13", "arn:aws:iam::000000000000:role/r", "handler.handler", Optional.empty());
    return registry.create(
        SCOPE, new Registry.NewFunction(name, config, Optional.of(zip), Map.of(), false));
  }

  private FunctionVersion updateMemory(String name, int memory) {
    ConfigChanges none = ConfigChanges.none();
    return registry.updateConfiguration(
        SCOPE,
        name,
        new ConfigChanges(
            none.runtime(),
            none.role(),
            none.handler(),
            none.description(),
            none.timeout(),
            Optional.of(memory),
            none.ephemeralStorage(),
            none.environment(),
            none.architectures(),
            none.tracingMode(),
            none.deadLetterTargetArn(),
            none.kmsKeyArn(),
            none.logging(),
            List.of()),
        Optional.empty());
  }

  private FunctionVersion updateCode(String name, byte[] zip) {
    return registry.updateCode(
        SCOPE, name, Optional.of(zip), Optional.empty(), Optional.empty(), false, false);
  }

  private FunctionVersion latest(String name) {
    return registry.resolve(SCOPE, FunctionRef.unqualified(name)).version();
  }

  private void prepareAll() {
    while (!pending.isEmpty()) {
      pending.remove().run();
    }
  }

  private static void assertConflict(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.type().code()).isEqualTo("ResourceConflictException");
              assertThat(e.getMessage()).contains(message);
            });
  }
}
