package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.sqs.MessageAttributes.Value;
import dev.gust.store.Database;
import dev.gust.store.Databases;
import dev.gust.store.StoreTest;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue tables on every backend, and the documents they hold as earlier versions wrote them.
 */
class QueueStoreTest {

  /** Columns exactly as this version and the ones before it wrote them. */
  private static final String ATTRIBUTES = "{\"DelaySeconds\":\"0\",\"VisibilityTimeout\":\"30\"}";

  private static final String TAGS = "{\"owner\":\"Zoë \\\"z\\\"\",\"team\":\"a\"}";
  private static final String PERMISSIONS =
      "{\"grant\":{\"Accounts\":[\"111122223333\"],\"Actions\":[\"SendMessage\"]}}";
  private static final String MESSAGE_ATTRIBUTES =
      "{\"Color\":{\"DataType\":\"String\",\"StringValue\":\"red\"},"
          + "\"Raw\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AQI=\"}}";
  private static final String SYSTEM_ATTRIBUTES =
      "{\"AWSTraceHeader\":{\"DataType\":\"String\",\"StringValue\":\"Root=1-abc\"}}";

  @TempDir Path dir;

  private interface StoreWork {
    void run(QueueStore store) throws SQLException;
  }

  private static void write(Database db, StoreWork work) {
    db.transaction(
        c -> {
          QueueStore store = new QueueStore(c);
          work.run(store);
          store.flush();
          return null;
        });
  }

  private static List<QueueStore.QueueRow> queues(Database db) {
    return db.read(c -> new QueueStore(c).queues());
  }

  private static List<QueueStore.MessageRow> messages(Database db) {
    return db.read(
        c -> {
          List<QueueStore.MessageRow> rows = new ArrayList<>();
          new QueueStore(c).messages(rows::add);
          return rows;
        });
  }

  private Database open(Databases.Backend backend) {
    Database db = backend.open(dir);
    db.migrate("queues", QueueStore.MIGRATIONS);
    return db;
  }

  private static QueueStore.QueueRow queue(long id, String name, Map<String, String> attributes) {
    Map<String, QueueStore.Permission> permissions = new LinkedHashMap<>();
    permissions.put(
        "grant", new QueueStore.Permission(List.of("111122223333"), List.of("SendMessage")));
    return new QueueStore.QueueRow(
        id,
        "000000000000",
        "us-east-1",
        name,
        new TreeMap<>(attributes),
        new TreeMap<>(Map.of("team", "a", "owner", "Zoë \"z\"")),
        permissions,
        1_000,
        2_000);
  }

  private static SortedMap<String, Value> attributes() {
    SortedMap<String, Value> attributes = new TreeMap<>();
    attributes.put("Color", new Value("String", Optional.of("red"), Optional.empty()));
    attributes.put("Raw", new Value("Binary", Optional.empty(), Optional.of(new byte[] {1, 2})));
    return attributes;
  }

  private static SortedMap<String, Value> systemAttributes() {
    SortedMap<String, Value> attributes = new TreeMap<>();
    attributes.put(
        "AWSTraceHeader", new Value("String", Optional.of("Root=1-abc"), Optional.empty()));
    return attributes;
  }

  private static QueueMessage message(long seq, String body, boolean withAttributes) {
    return new QueueMessage(
        seq,
        QueueMessage.Content.of(
            "id-" + seq,
            body,
            withAttributes ? attributes() : new TreeMap<>(),
            withAttributes ? systemAttributes() : new TreeMap<>(),
            5_000 + seq,
            "AIDA",
            Optional.of("group"),
            Optional.empty(),
            Optional.of("1000" + seq),
            Optional.empty()),
        7_000,
        0,
        0);
  }

  @StoreTest
  void queuesAndMessagesReadBackInKeyOrder(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          store -> {
            store.putQueue(queue(2, "second", Map.of("DelaySeconds", "5")));
            store.putQueue(queue(1, "first", Map.of("DelaySeconds", "0")));
            store.insert(2, message(11, "later", false));
            store.insert(1, message(10, "earlier", true));
          });

      assertThat(queues(db))
          .extracting(QueueStore.QueueRow::name)
          .containsExactly("first", "second");
      assertThat(queues(db).getFirst()).isEqualTo(queue(1, "first", Map.of("DelaySeconds", "0")));
      List<QueueStore.MessageRow> messages = messages(db);
      assertThat(messages).extracting(QueueStore.MessageRow::seq).containsExactly(10L, 11L);
      QueueStore.MessageRow first = messages.getFirst();
      assertThat(first.queueId()).isEqualTo(1);
      assertThat(first.content().body()).isEqualTo("earlier");
      assertThat(first.content().attributes()).containsOnlyKeys("Color", "Raw");
      assertThat(first.content().attributes().get("Raw").binary()).hasValue(new byte[] {1, 2});
      assertThat(first.content().md5OfAttributes())
          .isEqualTo(message(10, "earlier", true).content.md5OfAttributes());
      assertThat(first.content().systemAttributes()).isEqualTo(systemAttributes());
      assertThat(first.content().sequenceNumber()).hasValue("100010");
      assertThat(first.content().deduplicationId()).isEmpty();
      assertThat(first.visibleAt()).isEqualTo(7_000);
    }
  }

  @StoreTest
  void puttingAQueueAgainReplacesItsRow(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(db, store -> store.putQueue(queue(1, "q", Map.of("DelaySeconds", "0"))));
      write(db, store -> store.insert(1, message(1, "kept", false)));
      write(db, store -> store.putQueue(queue(1, "q", Map.of("DelaySeconds", "9"))));

      assertThat(queues(db)).containsExactly(queue(1, "q", Map.of("DelaySeconds", "9")));
      assertThat(messages(db)).hasSize(1);
    }
  }

  @StoreTest
  void receiptsUpdateAndDeletesAndPurgesRemoveMessages(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          store -> {
            store.putQueue(queue(1, "q", Map.of()));
            store.putQueue(queue(2, "other", Map.of()));
            for (long seq = 1; seq <= 3; seq++) {
              store.insert(1, message(seq, "m" + seq, false));
            }
            store.insert(2, message(4, "m4", false));
            store.updateReceipt(1, 2, 8_000, 9_000);
            store.delete(2);
          });

      assertThat(messages(db)).extracting(QueueStore.MessageRow::seq).containsExactly(1L, 3L, 4L);
      QueueStore.MessageRow received = messages(db).getFirst();
      assertThat(received.receiveCount()).isEqualTo(2);
      assertThat(received.firstReceive()).isEqualTo(8_000);
      assertThat(received.visibleAt()).isEqualTo(9_000);

      write(db, store -> store.purge(1));
      assertThat(messages(db)).extracting(QueueStore.MessageRow::seq).containsExactly(4L);
      write(db, store -> store.deleteQueue(2));
      assertThat(messages(db)).isEmpty();
      assertThat(queues(db)).extracting(QueueStore.QueueRow::name).containsExactly("q");
    }
  }

  @StoreTest
  void readsDocumentsInTheFormatEarlierVersionsWrote(Databases.Backend backend) {
    try (Database db = open(backend)) {
      db.transaction(
          c -> {
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO queues (id, account, region, name, attributes, tags, permissions,"
                        + " created, modified) VALUES (1, '000000000000', 'us-east-1', 'q', ?, ?,"
                        + " ?, 1000, 2000)")) {
              s.setString(1, ATTRIBUTES);
              s.setString(2, TAGS);
              s.setString(3, PERMISSIONS);
              s.executeUpdate();
            }
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO queue_messages (seq, queue_id, message_id, body, attributes,"
                        + " system_attributes, sent, sender, group_id, dedup_id, sequence_number,"
                        + " dlq_source, receive_count, first_receive, visible_at) VALUES (10, 1,"
                        + " 'id-10', 'earlier', ?, ?, 5010, 'AIDA', 'group', NULL, '100010', NULL,"
                        + " 0, 0, 7000)")) {
              s.setString(1, MESSAGE_ATTRIBUTES);
              s.setString(2, SYSTEM_ATTRIBUTES);
              s.executeUpdate();
            }
            return null;
          });

      assertThat(queues(db))
          .containsExactly(queue(1, "q", Map.of("DelaySeconds", "0", "VisibilityTimeout", "30")));
      QueueStore.MessageRow row = messages(db).getFirst();
      QueueMessage.Content expected = message(10, "earlier", true).content;
      assertThat(row.content().attributes().keySet()).isEqualTo(expected.attributes().keySet());
      assertThat(row.content().md5OfAttributes()).isEqualTo(expected.md5OfAttributes());
      assertThat(row.content().systemAttributes()).isEqualTo(expected.systemAttributes());
    }
  }

  @StoreTest
  void writesDocumentsInTheFormatEarlierVersionsWrote(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          store -> {
            store.putQueue(queue(1, "q", Map.of("DelaySeconds", "0", "VisibilityTimeout", "30")));
            store.insert(1, message(10, "earlier", true));
          });

      assertThat(column(db, "SELECT attributes, tags, permissions FROM queues"))
          .containsExactly(ATTRIBUTES, TAGS, PERMISSIONS);
      assertThat(column(db, "SELECT attributes, system_attributes FROM queue_messages"))
          .containsExactly(MESSAGE_ATTRIBUTES, SYSTEM_ATTRIBUTES);
    }
  }

  /** The columns of the first row, as stored. */
  static List<String> column(Database db, String sql) {
    return db.read(
        c -> {
          List<String> values = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(sql);
              ResultSet r = s.executeQuery()) {
            r.next();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
              values.add(r.getString(i));
            }
          }
          return values;
        });
  }
}
