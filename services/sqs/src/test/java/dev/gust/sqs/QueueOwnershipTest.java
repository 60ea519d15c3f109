package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import dev.gust.store.Database;
import dev.gust.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node loads the index of the queues it owns only; the others stay in the store untouched. */
class QueueOwnershipTest {

  static final Scope SCOPE = Scope.defaultScope();
  static final String BASE = "http://127.0.0.1:4566";
  static final String MINE = "arn:aws:sqs:us-east-1:000000000000:mine";

  @TempDir Path dir;
  final FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");

  private static void send(Queue queue, String body) {
    queue.send(
        List.of(
            QueueSends.validate(
                queue.attributes(),
                Optional.of(body),
                new TreeMap<>(),
                new TreeMap<>(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "sender")));
  }

  @Test
  void aQueueThisNodeDoesNotOwnIsNotLoaded() {
    try (Database database = Database.sqlite(dir.resolve("gust.db"))) {
      try (Queues all = Queues.open(database, clock, Ownership.everything(), BASE)) {
        send(all.create(SCOPE, "mine", Map.of(), Map.of()), "for me");
        send(all.create(SCOPE, "theirs", Map.of(), Map.of()), "for them");
      }
      List<String> asked = new ArrayList<>();
      Ownership onlyMine =
          (kind, key) -> {
            asked.add(kind + " " + key);
            return key.equals(MINE);
          };

      try (Queues some = Queues.open(database, clock, onlyMine, BASE)) {
        assertThat(some.list(SCOPE, "")).extracting(q -> q.name).containsExactly("mine");
        assertThat(some.find(SCOPE, "theirs")).isEmpty();
        assertThat(some.find(SCOPE, "mine").orElseThrow().counts().visible()).isEqualTo(1);
        send(some.find(SCOPE, "mine").orElseThrow(), "another");
      }
      assertThat(asked)
          .containsExactly("QUEUE " + MINE, "QUEUE arn:aws:sqs:us-east-1:000000000000:theirs");

      try (Queues all = Queues.open(database, clock, Ownership.everything(), BASE)) {
        Queue theirs = all.find(SCOPE, "theirs").orElseThrow();
        assertThat(
                theirs.receive(10, Duration.ofSeconds(30), Duration.ZERO).stream()
                    .map(r -> r.content().body()))
            .containsExactly("for them");
        assertThat(all.find(SCOPE, "mine").orElseThrow().counts().visible()).isEqualTo(2);
      }
    }
  }
}
