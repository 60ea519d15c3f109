package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Scope;
import dev.gust.store.Database;
import dev.gust.store.Databases;
import dev.gust.store.StoreTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The durable event queue's table on every backend. */
class EventStoreTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  static AsyncEvent event(String id, int receivedSecond, int attempts) {
    return new AsyncEvent(
        id,
        Scope.defaultScope(),
        "fn",
        id.equals("b") ? Optional.of("live") : Optional.empty(),
        ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
        T0.plusSeconds(receivedSecond),
        attempts,
        T0.plusSeconds(receivedSecond + 60L * attempts),
        1);
  }

  /** What a stored event reads back as, its payload as text. */
  static String summary(AsyncEvent e) {
    return e.requestId()
        + " "
        + e.qualifier().orElse("-")
        + " "
        + new String(e.payload(), StandardCharsets.UTF_8)
        + " "
        + (e.received().getEpochSecond() - T0.getEpochSecond())
        + " "
        + e.attempts()
        + " "
        + (e.due().getEpochSecond() - T0.getEpochSecond())
        + " "
        + e.lineage();
  }

  @StoreTest
  void eventsReadBackOldestFirstAndAPutAgainRecordsTheirProgress(Databases.Backend backend) {
    try (Database db = backend.open(dir);
        EventStore store = new EventStore(db)) {
      store.put(event("c", 3, 0)).join();
      store.put(event("a", 1, 0)).join();
      store.put(event("b", 2, 0)).join();
      store.put(event("a", 1, 1)).join();

      assertThat(store.all())
          .extracting(EventStoreTest::summary)
          .containsExactly(
              "a - {\"id\":\"a\"} 1 1 61 1",
              "b live {\"id\":\"b\"} 2 0 2 1",
              "c - {\"id\":\"c\"} 3 0 3 1");
    }
  }

  @StoreTest
  void removedEventsAreGoneAfterAReopen(Databases.Backend backend) {
    try (Database db = backend.open(dir);
        EventStore store = new EventStore(db)) {
      store.put(event("a", 1, 0)).join();
      store.put(event("b", 2, 0)).join();
      store.remove("a").join();
    }
    try (Database db = backend.open(dir);
        EventStore store = new EventStore(db)) {
      List<AsyncEvent> all = store.all();
      assertThat(all).extracting(AsyncEvent::requestId).containsExactly("b");
      assertThat(all.getFirst().qualifier()).hasValue("live");
    }
  }
}
