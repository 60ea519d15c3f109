package dev.gust.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Ownership;
import dev.gust.core.Scheduler;
import dev.gust.core.TransitionCoverage;
import dev.gust.store.Database;
import dev.gust.store.Databases;
import dev.gust.store.StoreTest;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on every backend: its table, its order, and the documents it keeps. */
class OutboxTest {

  /** Together these tests move a message through every transition its lifecycle declares. */
  private static final TransitionCoverage<Outbox.Stage> COVERAGE = Outbox.Stage.TRANSITIONS.cover();

  @org.junit.jupiter.api.AfterAll
  static void everyDeclaredTransitionIsExercised() {
    COVERAGE.assertAllExercised();
  }

  static final String TABLE = "test_outbox";

  /** A message document exactly as this version and the ones before it wrote it. */
  static final String MESSAGE =
      "{\"body\":\"{\\\"n\\\":1}\",\"attributes\":{\"k\":\"v\"},\"source\":\"app\","
          + "\"detailType\":\"Created\"}";

  static final Outbox.Retry RETRY =
      new Outbox.Retry(2, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(10));

  @TempDir Path dir;
  final List<String> sent = new ArrayList<>();
  final List<Duration> timers = new ArrayList<>();

  /** A fixed clock whose timers never fire: each test drives one drain with {@link Outbox#wake}. */
  final Scheduler stoppedTime =
      new Scheduler() {
        @Override
        public InstantSource clock() {
          return InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
          timers.add(delay);
          return () -> {};
        }
      };

  private Database open(Databases.Backend backend) {
    Database db = backend.open(dir);
    db.migrate("test", List.of(Outbox.schema(db.dialect(), TABLE)));
    return db;
  }

  private Outbox outbox(Database db, Outbox.Sender sender) {
    return outbox(db, Ownership.everything(), sender);
  }

  private Outbox outbox(Database db, Ownership ownership, Outbox.Sender sender) {
    return new Outbox(
        db,
        TABLE,
        stoppedTime,
        ownership,
        Runnable::run,
        sender,
        new Delivery(),
        Outbox.DeadLetterFormat.UNCHANGED);
  }

  private static Outbox.Pending pending(String body) {
    return new Outbox.Pending(
        "deliver",
        "arn:aws:sqs:us-east-1:000000000000:q",
        "origin",
        new Delivery.Message(body, Map.of("k", "v"), Optional.of("app"), Optional.of("Created")),
        RETRY,
        Optional.empty());
  }

  private static void add(Database db, Outbox outbox, String... bodies) {
    db.transaction(
        c -> {
          outbox.add(c, java.util.Arrays.stream(bodies).map(OutboxTest::pending).toList());
          return null;
        });
  }

  @StoreTest
  void messagesAreDeliveredInTheOrderTheyWereAddedAndThenForgotten(Databases.Backend backend) {
    try (Database db = open(backend)) {
      Outbox outbox = outbox(db, entry -> sent.add(entry.message().body()));
      add(db, outbox, "c", "a");
      add(db, outbox, "b");
      assertThat(outbox.pending()).isEqualTo(3);

      outbox.wake();

      assertThat(sent).containsExactly("c", "a", "b");
      assertThat(outbox.pending()).isZero();
    }
  }

  @StoreTest
  void aNodeThatDoesNotOwnTheOutboxLeavesItsMessagesForTheOwner(Databases.Backend backend) {
    try (Database db = open(backend)) {
      List<String> asked = new ArrayList<>();
      Ownership others =
          (kind, key) -> {
            asked.add(kind + " " + key);
            return false;
          };
      Outbox notOwned = outbox(db, others, entry -> sent.add(entry.message().body()));
      add(db, notOwned, "a", "b");

      notOwned.wake();

      assertThat(asked).containsExactly("OUTBOX " + TABLE);
      assertThat(sent).isEmpty();
      assertThat(timers).isEmpty();
      assertThat(notOwned.pending()).isEqualTo(2);
      outbox(db, entry -> sent.add(entry.message().body())).wake();
      assertThat(sent).containsExactly("a", "b");
    }
  }

  @StoreTest
  void aFailedDeliveryStaysForItsRetry(Databases.Backend backend) {
    try (Database db = open(backend)) {
      Outbox outbox =
          outbox(
              db,
              entry -> {
                sent.add(entry.message().body());
                if (entry.message().body().equals("fails")) {
                  throw new IllegalStateException("refused");
                }
              });
      add(db, outbox, "ok", "fails");

      outbox.wake();

      assertThat(sent).containsExactly("ok", "fails");
      assertThat(outbox.pending()).isEqualTo(1);
      assertThat(timers).containsExactly(Duration.ofSeconds(1));
    }
  }

  @StoreTest
  void aMessageWhoseRetriesRunOutGoesToItsDeadLetterQueue(Databases.Backend backend) {
    java.util.concurrent.atomic.AtomicReference<Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    Scheduler movingTime =
        new Scheduler() {
          @Override
          public InstantSource clock() {
            return now::get;
          }

          @Override
          public Cancellable schedule(Duration delay, Runnable task) {
            return () -> {};
          }
        };
    List<Delivery.Message> deadLetters = new ArrayList<>();
    Delivery delivery = new Delivery();
    delivery.register(Target.Queue.class, (queue, message) -> deadLetters.add(message));
    try (Database db = open(backend)) {
      Outbox outbox =
          new Outbox(
              db,
              TABLE,
              movingTime,
              Ownership.everything(),
              Runnable::run,
              entry -> {
                sent.add(entry.message().body());
                throw new IllegalStateException("refused");
              },
              delivery,
              Outbox.DeadLetterFormat.UNCHANGED);
      db.transaction(
          c -> {
            outbox.add(
                c,
                List.of(
                    new Outbox.Pending(
                        "deliver",
                        "arn:aws:lambda:us-east-1:000000000000:function:f",
                        "origin",
                        Delivery.Message.of("doomed"),
                        new Outbox.Retry(
                            1, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                        Optional.of("arn:aws:sqs:us-east-1:000000000000:dlq"))));
            return null;
          });

      outbox.wake();
      assertThat(outbox.pending()).isEqualTo(1);
      assertThat(deadLetters).isEmpty();
      now.set(now.get().plusSeconds(1));
      outbox.wake();

      assertThat(sent).containsExactly("doomed", "doomed");
      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters).extracting(Delivery.Message::body).containsExactly("doomed");
    }
  }

  @StoreTest
  void messagesKeepTheFormatEarlierVersionsWrote(Databases.Backend backend) {
    try (Database db = open(backend)) {
      List<Delivery.Message> delivered = new ArrayList<>();
      Outbox outbox = outbox(db, entry -> delivered.add(entry.message()));
      add(db, outbox, "{\"n\":1}");

      String stored =
          db.read(
              c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT message FROM " + TABLE);
                    ResultSet r = s.executeQuery()) {
                  r.next();
                  return r.getString(1);
                }
              });
      assertThat(stored).isEqualTo(MESSAGE);

      outbox.wake();
      assertThat(delivered).containsExactly(pending("{\"n\":1}").message());
    }
  }
}
