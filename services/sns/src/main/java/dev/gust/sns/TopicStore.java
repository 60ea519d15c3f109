package dev.gust.sns;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.gust.core.Scope;
import dev.gust.delivery.Outbox;
import dev.gust.store.Dialect;
import dev.gust.store.Documents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The topic tables, read and written inside the caller's transaction: topics with their attributes,
 * tags and FIFO sequence counter; subscriptions as JSON documents by ARN, numbered in the order
 * they were made ({@code seq}); the FIFO deduplication window; and the outbox of notifications on
 * their way to subscribers.
 */
final class TopicStore {

  static final String OUTBOX = "topic_outbox";

  /**
   * The topic tables' migrations. The second gives subscriptions an explicit order, numbering those
   * made before it in the order they were inserted.
   */
  static List<String> migrations(Dialect dialect) {
    return List.of(
        """
          CREATE TABLE sns_topics (
            arn TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL,
            name TEXT NOT NULL, attributes TEXT NOT NULL, tags TEXT NOT NULL,
            sequence INTEGER NOT NULL);
          CREATE TABLE sns_subscriptions (
            arn TEXT PRIMARY KEY, topic_arn TEXT NOT NULL, account TEXT NOT NULL,
            region TEXT NOT NULL, body TEXT NOT NULL);
          CREATE INDEX sns_subscriptions_topic ON sns_subscriptions (topic_arn);
          CREATE TABLE sns_dedup (
            topic_arn TEXT NOT NULL, dedup_id TEXT NOT NULL, message_id TEXT NOT NULL,
            sequence TEXT NOT NULL, expires_ms INTEGER NOT NULL,
            PRIMARY KEY (topic_arn, dedup_id));
          """
            + Outbox.schema(dialect, OUTBOX),
        "ALTER TABLE sns_subscriptions ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;"
            + " UPDATE sns_subscriptions SET seq = "
            + dialect.insertionOrder()
            + "; CREATE INDEX sns_subscriptions_seq ON sns_subscriptions (seq)");
  }

  private static final String REMEMBER =
      Dialect.upsert(
          "sns_dedup",
          List.of("topic_arn", "dedup_id"),
          List.of("message_id", "sequence", "expires_ms"));

  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

  /** A message published before with the same deduplication id. */
  record Duplicate(String messageId, String sequence) {}

  private final Connection c;

  TopicStore(Connection connection) {
    this.c = connection;
  }

  Optional<Topic> topic(String arn) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT name, attributes, tags FROM sns_topics WHERE arn = ?")) {
      s.setString(1, arn);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(
                new Topic(
                    arn, r.getString(1), decode(r.getString(2), MAP), decode(r.getString(3), MAP)))
            : Optional.empty();
      }
    }
  }

  List<Topic> topics(Scope scope) throws SQLException {
    List<Topic> result = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT arn FROM sns_topics WHERE account = ? AND region = ? ORDER BY arn")) {
      s.setString(1, scope.account());
      s.setString(2, scope.region());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          result.add(topic(r.getString(1)).orElseThrow());
        }
      }
    }
    return result;
  }

  void putTopic(Scope scope, Topic topic) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO sns_topics (arn, account, region, name, attributes, tags, sequence)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT (arn) DO UPDATE SET"
                + " attributes = excluded.attributes, tags = excluded.tags")) {
      s.setString(1, topic.arn());
      s.setString(2, scope.account());
      s.setString(3, scope.region());
      s.setString(4, topic.name());
      s.setString(5, encode(new TreeMap<>(topic.attributes())));
      s.setString(6, encode(new TreeMap<>(topic.tags())));
      s.executeUpdate();
    }
  }

  void deleteTopic(String arn) throws SQLException {
    for (String sql :
        List.of(
            "DELETE FROM sns_subscriptions WHERE topic_arn = ?",
            "DELETE FROM sns_dedup WHERE topic_arn = ?",
            "DELETE FROM sns_topics WHERE arn = ?")) {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, arn);
        s.executeUpdate();
      }
    }
  }

  /** The topic's next FIFO sequence number, as AWS writes it: 20 digits. */
  String nextSequence(String topicArn) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE sns_topics SET sequence = sequence + 1 WHERE arn = ? RETURNING sequence")) {
      s.setString(1, topicArn);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return String.format("%020d", 10_000_000_000_000_000L + r.getLong(1));
      }
    }
  }

  Optional<Subscription> subscription(String arn) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT body FROM sns_subscriptions WHERE arn = ?")) {
      s.setString(1, arn);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(decode(r.getString(1), Subscription.class))
            : Optional.empty();
      }
    }
  }

  /** The subscriptions of a topic, oldest first. */
  List<Subscription> subscriptionsOf(String topicArn) throws SQLException {
    return subscriptions(
        "SELECT body FROM sns_subscriptions WHERE topic_arn = ? ORDER BY seq, arn", topicArn);
  }

  /** The subscriptions of every topic of a scope, oldest first. */
  List<Subscription> subscriptions(Scope scope) throws SQLException {
    return subscriptions(
        "SELECT body FROM sns_subscriptions WHERE account = ? AND region = ? ORDER BY seq, arn",
        scope.account(),
        scope.region());
  }

  private List<Subscription> subscriptions(String sql, String... params) throws SQLException {
    List<Subscription> result = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          result.add(decode(r.getString(1), Subscription.class));
        }
      }
    }
    return result;
  }

  /** Adds a subscription after every other, or changes one in place, keeping its place. */
  void putSubscription(Scope scope, Subscription subscription) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO sns_subscriptions (arn, topic_arn, account, region, body, seq)"
                + " VALUES (?, ?, ?, ?, ?,"
                + " (SELECT COALESCE(MAX(seq), 0) + 1 FROM sns_subscriptions))"
                + " ON CONFLICT (arn) DO UPDATE SET body = excluded.body")) {
      s.setString(1, subscription.arn());
      s.setString(2, subscription.topicArn());
      s.setString(3, scope.account());
      s.setString(4, scope.region());
      s.setString(5, encode(subscription));
      s.executeUpdate();
    }
  }

  boolean deleteSubscription(String arn) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM sns_subscriptions WHERE arn = ?")) {
      s.setString(1, arn);
      return s.executeUpdate() > 0;
    }
  }

  /** The message already published with this deduplication id within the window, if any. */
  Optional<Duplicate> duplicate(String topicArn, String dedupId, long nowMillis)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT message_id, sequence FROM sns_dedup WHERE topic_arn = ? AND dedup_id = ?"
                + " AND expires_ms > ?")) {
      s.setString(1, topicArn);
      s.setString(2, dedupId);
      s.setLong(3, nowMillis);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new Duplicate(r.getString(1), r.getString(2)))
            : Optional.empty();
      }
    }
  }

  void remember(String topicArn, String dedupId, Duplicate message, long expiresMillis)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM sns_dedup WHERE expires_ms <= ?")) {
      s.setLong(1, expiresMillis - TopicPublisher.DEDUP_WINDOW.toMillis());
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(REMEMBER)) {
      s.setString(1, topicArn);
      s.setString(2, dedupId);
      s.setString(3, message.messageId());
      s.setString(4, message.sequence());
      s.setLong(5, expiresMillis);
      s.executeUpdate();
    }
  }

  private static String encode(Object value) {
    return Documents.write(value);
  }

  private static <T> T decode(String text, Class<T> type) {
    return Documents.read(text, type);
  }

  private static <T> T decode(String text, TypeReference<T> type) {
    return Documents.read(text, type);
  }
}
