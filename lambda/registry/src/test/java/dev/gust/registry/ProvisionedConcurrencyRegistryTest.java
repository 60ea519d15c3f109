package dev.gust.registry;

import static dev.gust.registry.ProvisionedConcurrency.Status.FAILED;
import static dev.gust.registry.ProvisionedConcurrency.Status.IN_PROGRESS;
import static dev.gust.registry.ProvisionedConcurrency.Status.READY;
import static dev.gust.registry.RegistryFixture.SCOPE;
import static dev.gust.registry.RegistryFixture.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gust.core.Scope;
import dev.gust.core.TransitionCoverage;
import dev.gust.registry.ProvisionedConcurrency.Change;
import dev.gust.registry.ProvisionedConcurrency.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of provisioned concurrency configurations in the registry: what subscribers are told,
 * how configurations follow their versions and aliases, progress reports, and restarts. Fails if a
 * declared transition of {@link Status#TRANSITIONS} is never exercised.
 */
class ProvisionedConcurrencyRegistryTest {

  private static final TransitionCoverage<Status> COVERAGE = Status.TRANSITIONS.cover();

  @TempDir Path dir;
  private RegistryFixture f;
  private final List<Change> changes = new ArrayList<>();

  @BeforeEach
  void open() {
    f = new RegistryFixture(dir, Limits.defaults());
    f.function("fn", 3);
    f.alias("fn", "live", "1");
    f.registry.provisioned().subscribe(changes::add);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @AfterAll
  static void everyDeclaredTransitionWasExercised() {
    COVERAGE.assertAllExercised();
  }

  /**
   * Rows of reports for one configuration of three environments, each row after a put of it, in
   * orders the concurrent allocation of its environments may commit them.
   */
  @Test
  void everyReportMayFollowAPutOrAnyOtherReport() {
    record Row(String what, List<Status> reports) {}
    List<Row> rows =
        List.of(
            new Row("progress until every environment is ready", List.of(IN_PROGRESS, READY)),
            new Row("a crashed environment replaced", List.of(READY, IN_PROGRESS, READY, READY)),
            new Row("a replacement that cannot start", List.of(READY, FAILED)),
            new Row("two environments that cannot start", List.of(FAILED, FAILED)),
            new Row("another environment ready after a failure", List.of(FAILED, IN_PROGRESS)),
            new Row("the last ready committed after a failure", List.of(FAILED, READY)));
    ProvisionedConcurrencyRegistry provisioned = f.registry.provisioned();
    for (Row row : rows) {
      assertThat(f.put("fn", "2", 3).status()).as(row.what()).isEqualTo(IN_PROGRESS);
      for (Status status : row.reports()) {
        int ready = status == READY ? 3 : 1;
        provisioned.report(SCOPE, "fn", "2", ready, ready, status, Optional.of("reason"));
        ProvisionedConcurrency stored = provisioned.get(SCOPE, ref("fn", "2")).orElseThrow();
        assertThat(stored.status()).as(row.what()).isEqualTo(status);
        assertThat(stored.statusReason().isPresent()).as(row.what()).isEqualTo(status == FAILED);
      }
    }
  }

  @Test
  void putIsInProgressWithTheClockTimeAndIsPublishedOnce() {
    ProvisionedConcurrency put = f.put("fn", "live", 5);
    assertThat(put)
        .isEqualTo(
            new ProvisionedConcurrency(
                SCOPE,
                "fn",
                "live",
                "1",
                5,
                0,
                0,
                Status.IN_PROGRESS,
                Optional.empty(),
                Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(put.functionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:fn:live");
    assertThat(changes).containsExactly(new Change.Put(put));
  }

  @Test
  void aRejectedPutPublishesNothingAndAFailingSubscriberDoesNotUndoAPut() {
    assertThatThrownBy(() -> f.put("fn", "1", 5000)).hasMessageContaining("unreserved");
    assertThat(changes).isEmpty();
    f.registry
        .provisioned()
        .subscribe(
            c -> {
              throw new IllegalStateException("subscriber bug");
            });
    f.put("fn", "1", 2);
    assertThat(changes).hasSize(1);
    assertThat(f.registry.provisioned().get(SCOPE, ref("fn", "1"))).isPresent();
  }

  @Test
  void reportsUpdateProgressAndAPutKeepsWhatIsAllocated() {
    f.put("fn", "2", 4);
    ProvisionedConcurrencyRegistry provisioned = f.registry.provisioned();
    provisioned.report(SCOPE, "fn", "2", 4, 3, Status.READY, Optional.of("ignored unless failed"));
    ProvisionedConcurrency ready = provisioned.get(SCOPE, ref("fn", "2")).orElseThrow();
    assertThat(ready.status()).isEqualTo(Status.READY);
    assertThat(ready.allocated()).isEqualTo(4);
    assertThat(ready.available()).isEqualTo(3);
    assertThat(ready.statusReason()).isEmpty();
    assertThat(ready.lastModified())
        .as("a report is not a user's update")
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));

    provisioned.report(SCOPE, "fn", "2", 1, 1, Status.FAILED, Optional.of("out of memory"));
    assertThat(provisioned.get(SCOPE, ref("fn", "2")).orElseThrow().statusReason())
        .contains("out of memory");

    f.clock.advance(Duration.ofMinutes(5));
    ProvisionedConcurrency again = f.put("fn", "2", 6);
    assertThat(again.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(again.statusReason()).isEmpty();
    assertThat(again.allocated()).isEqualTo(1);
    assertThat(again.lastModified()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
    assertThat(changes)
        .extracting(c -> ((Change.Put) c).config().requested())
        .containsExactly(4, 6);

    provisioned.delete(SCOPE, ref("fn", "2"));
    provisioned.report(SCOPE, "fn", "2", 6, 6, Status.READY, Optional.empty());
    assertThat(provisioned.get(SCOPE, ref("fn", "2"))).as("a late report is a no-op").isEmpty();
    assertThat(changes.getLast()).isEqualTo(new Change.Deleted(SCOPE, "fn", "2"));
  }

  @Test
  void deleteIsPublishedOnlyWhenThereWasAConfiguration() {
    f.registry.provisioned().delete(SCOPE, ref("fn", "3"));
    assertThat(changes).isEmpty();
    f.put("fn", "3", 1);
    f.registry.provisioned().delete(SCOPE, ref("fn", "3"));
    assertThat(changes.getLast()).isEqualTo(new Change.Deleted(SCOPE, "fn", "3"));
  }

  @Test
  void repointingAnAliasMovesItsConfigurationToTheNewVersion() {
    f.put("fn", "live", 2);
    f.registry.provisioned().report(SCOPE, "fn", "live", 2, 2, Status.READY, Optional.empty());
    updateAlias("live", "2");
    ProvisionedConcurrency moved =
        f.registry.provisioned().get(SCOPE, ref("fn", "live")).orElseThrow();
    assertThat(moved.version()).isEqualTo("2");
    assertThat(moved.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(changes.getLast()).isEqualTo(new Change.Put(moved));

    changes.clear();
    f.registry
        .aliases()
        .update(
            SCOPE,
            "fn",
            "live",
            Optional.empty(),
            Optional.of("text only"),
            Optional.empty(),
            Optional.empty());
    assertThat(changes).as("a description is not a move").isEmpty();
  }

  @Test
  void anAliasCannotMoveOntoAProvisionedVersionNorOntoLatest() {
    f.put("fn", "live", 2);
    f.put("fn", "3", 1);
    changes.clear();
    assertThatThrownBy(() -> updateAlias("live", "3"))
        .hasMessage(
            "Alias can't be used for Provisioned Concurrency configuration on an already"
                + " Provisioned version");
    assertThatThrownBy(() -> updateAlias("live", "$LATEST"))
        .hasMessage(
            "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
    assertThat(f.registry.aliases().get(SCOPE, "fn", "live").functionVersion()).isEqualTo("1");
    assertThat(changes).isEmpty();
  }

  @Test
  void deletingAVersionAnAliasOrTheFunctionDeletesTheirConfigurations() {
    f.put("fn", "3", 1);
    f.put("fn", "live", 1);
    f.registry.delete(SCOPE, ref("fn", "3"));
    assertThat(changes.getLast()).isEqualTo(new Change.Deleted(SCOPE, "fn", "3"));
    f.registry.aliases().delete(SCOPE, "fn", "live");
    assertThat(changes.getLast()).isEqualTo(new Change.Deleted(SCOPE, "fn", "live"));

    f.put("fn", "2", 1);
    f.alias("fn", "blue", "1");
    f.put("fn", "blue", 1);
    changes.clear();
    f.registry.delete(SCOPE, FunctionRef.unqualified("fn"));
    assertThat(changes)
        .containsExactlyInAnyOrder(
            new Change.Deleted(SCOPE, "fn", "2"), new Change.Deleted(SCOPE, "fn", "blue"));
    assertThat(f.registry.provisioned().all()).isEmpty();

    f.function("fn", 2);
    assertThat(
            f.registry
                .provisioned()
                .list(SCOPE, "fn", Optional.empty(), OptionalInt.empty())
                .items())
        .as("a function created again under the same name starts without configurations")
        .isEmpty();
  }

  @Test
  void aVersionAnAliasUsesCannotBeDeletedAndKeepsItsConfiguration() {
    f.put("fn", "1", 1);
    assertThatThrownBy(() -> f.registry.delete(SCOPE, ref("fn", "1")))
        .hasMessageContaining("aliases reference it");
    assertThat(f.registry.provisioned().get(SCOPE, ref("fn", "1"))).isPresent();
    assertThat(changes).hasSize(1);
  }

  @Test
  void listPagesInQualifierOrder() {
    f.put("fn", "1", 1);
    f.put("fn", "2", 1);
    f.alias("fn", "canary", "3");
    f.put("fn", "canary", 1);
    ProvisionedConcurrencyRegistry provisioned = f.registry.provisioned();
    Page<ProvisionedConcurrency> first =
        provisioned.list(SCOPE, "fn", Optional.empty(), OptionalInt.of(2));
    assertThat(first.items())
        .extracting(ProvisionedConcurrency::qualifier)
        .containsExactly("1", "2");
    Page<ProvisionedConcurrency> second =
        provisioned.list(SCOPE, "fn", first.nextMarker(), OptionalInt.of(2));
    assertThat(second.items())
        .extracting(ProvisionedConcurrency::qualifier)
        .containsExactly("canary");
    assertThat(second.items().getFirst().version()).isEqualTo("3");
    assertThat(second.nextMarker()).isEmpty();
  }

  @Test
  void configurationsOfEveryScopeSurviveARestart() {
    f.put("fn", "live", 3);
    f.registry.provisioned().report(SCOPE, "fn", "live", 3, 3, Status.READY, Optional.empty());
    Scope west = new Scope(SCOPE.account(), "eu-west-1");
    FunctionRef westRef =
        FunctionRef.parse(
            "arn:aws:lambda:eu-west-1:000000000000:function:fn", Optional.of("1"), 140);
    f.function("arn:aws:lambda:eu-west-1:000000000000:function:fn", 1);
    f.registry.provisioned().put(SCOPE, westRef, 2);
    List<ProvisionedConcurrency> before = f.registry.provisioned().all();

    f.restart();

    assertThat(f.registry.provisioned().all()).isEqualTo(before);
    assertThat(before)
        .extracting(
            ProvisionedConcurrency::scope,
            ProvisionedConcurrency::qualifier,
            ProvisionedConcurrency::status)
        .containsExactly(tuple(west, "1", Status.IN_PROGRESS), tuple(SCOPE, "live", Status.READY));
  }

  private void updateAlias(String alias, String version) {
    f.registry
        .aliases()
        .update(
            SCOPE,
            "fn",
            alias,
            Optional.of(version),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
  }
}
