package dev.gust.sqs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.sqs.MessageAttributes.Value;
import dev.gust.store.Database;
import dev.gust.store.Dialect;
import dev.gust.store.Documents;
import dev.gust.store.GroupCommit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The queues' tables, written inside one transaction of the queues' {@link GroupCommit}. Message
 * writes are JDBC batches executed by {@link #flush} in the order inserts, receipt updates,
 * deletes, which is the order a message goes through them; queue-level statements flush first, so
 * that they see every message write submitted before them.
 *
 * <p>Attributes, tags and permissions are JSON documents in the store's codec ({@link Documents});
 * message attributes are kept as {@code {"<name>": {"DataType", "StringValue" | "BinaryValue"}}},
 * binary values in base64, the shape earlier versions wrote.
 */
final class QueueStore {

  /** The most writes one transaction takes. */
  private static final int MAX_GROUP = 4096;

  static final List<String> MIGRATIONS =
      List.of(
          """
          CREATE TABLE queues (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
            attributes TEXT NOT NULL, tags TEXT NOT NULL, permissions TEXT NOT NULL,
            created INTEGER NOT NULL, modified INTEGER NOT NULL,
            UNIQUE (account, region, name));
          CREATE TABLE queue_messages (
            seq INTEGER PRIMARY KEY, queue_id INTEGER NOT NULL,
            message_id TEXT NOT NULL, body TEXT NOT NULL,
            attributes TEXT, system_attributes TEXT,
            sent INTEGER NOT NULL, sender TEXT NOT NULL,
            group_id TEXT, dedup_id TEXT, sequence_number TEXT, dlq_source TEXT,
            receive_count INTEGER NOT NULL, first_receive INTEGER NOT NULL,
            visible_at INTEGER NOT NULL)
          """);

  private static final String PUT_QUEUE =
      Dialect.upsert(
          "queues",
          List.of("id"),
          List.of(
              "account",
              "region",
              "name",
              "attributes",
              "tags",
              "permissions",
              "created",
              "modified"));

  /** A queue's row. Permissions are kept by label, as AddPermission received them. */
  record QueueRow(
      long id,
      String account,
      String region,
      String name,
      Map<String, String> attributes,
      Map<String, String> tags,
      Map<String, Permission> permissions,
      long created,
      long modified) {}

  /** A grant made with AddPermission: stored and listed in the policy, not enforced. */
  record Permission(
      @JsonProperty("Accounts") List<String> accounts,
      @JsonProperty("Actions") List<String> actions) {}

  /** A message's row, as loaded at start. */
  record MessageRow(
      long queueId,
      long seq,
      QueueMessage.Content content,
      int receiveCount,
      long firstReceive,
      long visibleAt) {}

  private final Connection c;
  private PreparedStatement inserts;
  private PreparedStatement updates;
  private PreparedStatement deletes;

  QueueStore(Connection connection) {
    this.c = connection;
  }

  /**
   * The queues' group commit: every write pending shares one transaction (one fsync), and a message
   * becomes receivable only in its write's step after the commit.
   */
  static GroupCommit<QueueStore> commits(Database database) {
    return new GroupCommit<>(
        database,
        "queues",
        MAX_GROUP,
        new GroupCommit.Session<>() {
          @Override
          public QueueStore open(Connection connection) {
            return new QueueStore(connection);
          }

          @Override
          public void finish(QueueStore store) throws SQLException {
            store.flush();
          }
        });
  }

  List<QueueRow> queues() throws SQLException {
    List<QueueRow> rows = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT id, account, region, name, attributes, tags, permissions, created,"
                    + " modified FROM queues ORDER BY id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.add(
            new QueueRow(
                r.getLong(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                decode(r.getString(5), new TypeReference<TreeMap<String, String>>() {}),
                decode(r.getString(6), new TypeReference<TreeMap<String, String>>() {}),
                decode(r.getString(7), new TypeReference<LinkedHashMap<String, Permission>>() {}),
                r.getLong(8),
                r.getLong(9)));
      }
    }
    return rows;
  }

  /** Hands every stored message to {@code sink}, in sequence order. */
  void messages(Consumer<MessageRow> sink) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT queue_id, seq, message_id, body, attributes, system_attributes, sent,"
                    + " sender, group_id, dedup_id, sequence_number, dlq_source, receive_count,"
                    + " first_receive, visible_at FROM queue_messages ORDER BY seq");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        QueueMessage.Content content =
            QueueMessage.Content.of(
                r.getString(3),
                r.getString(4),
                attributes(r.getString(5)),
                attributes(r.getString(6)),
                r.getLong(7),
                r.getString(8),
                Optional.ofNullable(r.getString(9)),
                Optional.ofNullable(r.getString(10)),
                Optional.ofNullable(r.getString(11)),
                Optional.ofNullable(r.getString(12)));
        sink.accept(
            new MessageRow(
                r.getLong(1), r.getLong(2), content, r.getInt(13), r.getLong(14), r.getLong(15)));
      }
    }
  }

  void putQueue(QueueRow row) throws SQLException {
    flush();
    try (PreparedStatement s = c.prepareStatement(PUT_QUEUE)) {
      s.setLong(1, row.id());
      s.setString(2, row.account());
      s.setString(3, row.region());
      s.setString(4, row.name());
      s.setString(5, encode(row.attributes()));
      s.setString(6, encode(row.tags()));
      s.setString(7, encode(row.permissions()));
      s.setLong(8, row.created());
      s.setLong(9, row.modified());
      s.executeUpdate();
    }
  }

  void deleteQueue(long queueId) throws SQLException {
    purge(queueId);
    try (PreparedStatement s = c.prepareStatement("DELETE FROM queues WHERE id = ?")) {
      s.setLong(1, queueId);
      s.executeUpdate();
    }
  }

  void purge(long queueId) throws SQLException {
    flush();
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM queue_messages WHERE queue_id = ?")) {
      s.setLong(1, queueId);
      s.executeUpdate();
    }
  }

  void insert(long queueId, QueueMessage message) throws SQLException {
    if (inserts == null) {
      inserts =
          c.prepareStatement(
              "INSERT INTO queue_messages (seq, queue_id, message_id, body, attributes,"
                  + " system_attributes, sent, sender, group_id, dedup_id, sequence_number,"
                  + " dlq_source, receive_count, first_receive, visible_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    QueueMessage.Content m = message.content;
    inserts.setLong(1, message.seq);
    inserts.setLong(2, queueId);
    inserts.setString(3, m.messageId());
    inserts.setString(4, m.body());
    setOptional(inserts, 5, encodeAttributes(m.attributes()));
    setOptional(inserts, 6, encodeAttributes(m.systemAttributes()));
    inserts.setLong(7, m.sentMillis());
    inserts.setString(8, m.senderId());
    setOptional(inserts, 9, m.groupId());
    setOptional(inserts, 10, m.deduplicationId());
    setOptional(inserts, 11, m.sequenceNumber());
    setOptional(inserts, 12, m.deadLetterSourceArn());
    inserts.setInt(13, message.receiveCount);
    inserts.setLong(14, message.firstReceiveMillis);
    inserts.setLong(15, message.visibleAt);
    inserts.addBatch();
  }

  /** Records a receive or a visibility change: the values as they were when it happened. */
  void updateReceipt(long seq, int receiveCount, long firstReceive, long visibleAt)
      throws SQLException {
    if (updates == null) {
      updates =
          c.prepareStatement(
              "UPDATE queue_messages SET receive_count = ?, first_receive = ?, visible_at = ?"
                  + " WHERE seq = ?");
    }
    updates.setInt(1, receiveCount);
    updates.setLong(2, firstReceive);
    updates.setLong(3, visibleAt);
    updates.setLong(4, seq);
    updates.addBatch();
  }

  void delete(long seq) throws SQLException {
    if (deletes == null) {
      deletes = c.prepareStatement("DELETE FROM queue_messages WHERE seq = ?");
    }
    deletes.setLong(1, seq);
    deletes.addBatch();
  }

  /** Executes the batched message writes, in lifecycle order, and closes their statements. */
  void flush() throws SQLException {
    for (PreparedStatement statement : new PreparedStatement[] {inserts, updates, deletes}) {
      if (statement != null) {
        statement.executeBatch();
        statement.close();
      }
    }
    inserts = null;
    updates = null;
    deletes = null;
  }

  private static void setOptional(PreparedStatement s, int index, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      s.setString(index, value.get());
    } else {
      s.setNull(index, Types.VARCHAR);
    }
  }

  /**
   * Message attributes as stored: {@code {"name": {"DataType": .., "StringValue" | "BinaryValue":
   * ..}}}, binary values in base64.
   */
  private static Optional<String> encodeAttributes(SortedMap<String, Value> attributes) {
    if (attributes.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode document = Documents.object();
    attributes.forEach(
        (name, value) -> {
          ObjectNode member = document.putObject(name);
          member.put("DataType", value.dataType());
          value.string().ifPresent(text -> member.put("StringValue", text));
          value
              .binary()
              .ifPresent(
                  bytes -> member.put("BinaryValue", Base64.getEncoder().encodeToString(bytes)));
        });
    return Optional.of(Documents.write(document));
  }

  private static SortedMap<String, Value> attributes(String json) {
    SortedMap<String, Value> attributes = new TreeMap<>();
    if (json == null) {
      return attributes;
    }
    for (Map.Entry<String, JsonNode> member : Documents.tree(json).properties()) {
      JsonNode value = member.getValue();
      attributes.put(
          member.getKey(),
          new Value(
              value.path("DataType").asText(),
              Optional.ofNullable(value.get("StringValue")).map(JsonNode::asText),
              Optional.ofNullable(value.get("BinaryValue"))
                  .map(text -> Base64.getDecoder().decode(text.asText()))));
    }
    return attributes;
  }

  private static String encode(Object value) {
    return Documents.write(value);
  }

  private static <T> T decode(String json, TypeReference<T> type) {
    return Documents.read(json, type);
  }
}
