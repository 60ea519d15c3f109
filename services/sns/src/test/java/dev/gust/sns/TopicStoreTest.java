package dev.gust.sns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Scope;
import dev.gust.store.Database;
import dev.gust.store.Databases;
import dev.gust.store.StoreTest;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic tables on every backend, and the documents they hold as earlier versions wrote them.
 */
class TopicStoreTest {

  static final Scope SCOPE = Scope.defaultScope();
  static final Scope OTHER = new Scope("000000000000", "eu-west-1");
  static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:t";
  static final String TOPIC_2 = "arn:aws:sns:us-east-1:000000000000:t2";

  /** A subscription document exactly as this version and the ones before it wrote it. */
  static final String SUBSCRIPTION_C =
      "{\"arn\":\""
          + TOPIC
          + ":c\",\"topicArn\":\""
          + TOPIC
          + "\",\"protocol\":\"sqs\","
          + "\"endpoint\":\"arn:aws:sqs:us-east-1:000000000000:q\",\"confirmed\":true,"
          + "\"token\":null,\"attributes\":{\"RawMessageDelivery\":\"true\"}}";

  static final String TOPIC_ATTRIBUTES = "{\"DisplayName\":\"Tï\",\"FifoTopic\":\"false\"}";

  @TempDir Path dir;

  interface Work<T> {
    T run(TopicStore store) throws SQLException;
  }

  static <T> T write(Database db, Work<T> work) {
    return db.transaction(c -> work.run(new TopicStore(c)));
  }

  private Database open(Databases.Backend backend) {
    Database db = backend.open(dir);
    db.migrate("topics", TopicStore.migrations(db.dialect()));
    return db;
  }

  static Subscription subscription(String topic, String id) {
    return new Subscription(
        topic + ":" + id,
        topic,
        "sqs",
        "arn:aws:sqs:us-east-1:000000000000:q",
        true,
        Optional.empty(),
        Map.of("RawMessageDelivery", "true"));
  }

  static Topic topic(String arn, String displayName) {
    return new Topic(
        arn,
        arn.substring(arn.lastIndexOf(':') + 1),
        Map.of("DisplayName", displayName, "FifoTopic", "false"),
        Map.of("team", "a"));
  }

  @StoreTest
  void topicsReadBackAndAPutAgainUpdatesAttributesAndTags(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          s -> {
            s.putTopic(SCOPE, topic(TOPIC_2, "two"));
            s.putTopic(SCOPE, topic(TOPIC, "one"));
            s.putTopic(SCOPE, topic(TOPIC, "Tï"));
            return null;
          });

      assertThat(topics(db, SCOPE)).containsExactly(topic(TOPIC, "Tï"), topic(TOPIC_2, "two"));
      assertThat(topics(db, OTHER)).isEmpty();
      assertThat(column(db, "SELECT attributes FROM sns_topics WHERE arn = '" + TOPIC + "'"))
          .isEqualTo(TOPIC_ATTRIBUTES);
    }
  }

  @StoreTest
  void sequenceNumbersCountUpPerTopic(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          s -> {
            s.putTopic(SCOPE, topic(TOPIC, "one"));
            s.putTopic(SCOPE, topic(TOPIC_2, "two"));
            return null;
          });

      assertThat(sequence(db, TOPIC)).isEqualTo("00010000000000000001");
      assertThat(sequence(db, TOPIC)).isEqualTo("00010000000000000002");
      assertThat(sequence(db, TOPIC_2)).isEqualTo("00010000000000000001");
      write(
          db,
          s -> {
            s.putTopic(SCOPE, topic(TOPIC, "again"));
            return null;
          });
      assertThat(sequence(db, TOPIC)).isEqualTo("00010000000000000003");
    }
  }

  @StoreTest
  void subscriptionsListOldestFirstAndKeepTheirPlaceWhenChanged(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          s -> {
            s.putTopic(SCOPE, topic(TOPIC, "one"));
            s.putTopic(SCOPE, topic(TOPIC_2, "two"));
            s.putSubscription(SCOPE, subscription(TOPIC, "c"));
            s.putSubscription(SCOPE, subscription(TOPIC_2, "z"));
            s.putSubscription(SCOPE, subscription(TOPIC, "a"));
            s.putSubscription(SCOPE, subscription(TOPIC, "b"));
            return null;
          });
      write(
          db,
          s -> {
            s.putSubscription(SCOPE, subscription(TOPIC, "c").withAttributes(Map.of()));
            return null;
          });

      assertThat(subscriptionsOf(db, TOPIC))
          .extracting(Subscription::arn)
          .containsExactly(TOPIC + ":c", TOPIC + ":a", TOPIC + ":b");
      assertThat(subscriptions(db, SCOPE))
          .extracting(Subscription::arn)
          .containsExactly(TOPIC + ":c", TOPIC_2 + ":z", TOPIC + ":a", TOPIC + ":b");
      assertThat(subscription(db, TOPIC + ":c").orElseThrow().attributes()).isEmpty();

      assertThat(unsubscribe(db, TOPIC + ":a")).isTrue();
      assertThat(unsubscribe(db, TOPIC + ":a")).isFalse();
      write(
          db,
          s -> {
            s.putSubscription(SCOPE, subscription(TOPIC, "a"));
            return null;
          });
      assertThat(subscriptionsOf(db, TOPIC))
          .extracting(Subscription::arn)
          .containsExactly(TOPIC + ":c", TOPIC + ":b", TOPIC + ":a");

      write(
          db,
          s -> {
            s.deleteTopic(TOPIC);
            return null;
          });
      assertThat(subscriptions(db, SCOPE))
          .extracting(Subscription::arn)
          .containsExactly(TOPIC_2 + ":z");
    }
  }

  /**
   * A data directory written before subscriptions had an explicit order (SQLite: earlier versions
   * ordered by {@code rowid}) keeps their order through the migration that adds it.
   */
  @Test
  void subscriptionsMadeBeforeTheOrderingColumnKeepTheirOrder() {
    try (Database db = Databases.SQLITE.open(dir)) {
      db.migrate("topics", TopicStore.migrations(db.dialect()).subList(0, 1));
      for (String id : List.of("c", "a", "b", "c")) {
        Subscription subscription = subscription(TOPIC, id);
        db.transaction(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO sns_subscriptions (arn, topic_arn, account, region, body)"
                          + " VALUES (?, ?, ?, ?, ?)"
                          + " ON CONFLICT (arn) DO UPDATE SET body = excluded.body")) {
                s.setString(1, subscription.arn());
                s.setString(2, TOPIC);
                s.setString(3, SCOPE.account());
                s.setString(4, SCOPE.region());
                s.setString(5, SUBSCRIPTION_C.replace(TOPIC + ":c", subscription.arn()));
                return s.executeUpdate();
              }
            });
      }

      db.migrate("topics", TopicStore.migrations(db.dialect()));
      write(
          db,
          s -> {
            s.putSubscription(SCOPE, subscription(TOPIC, "0"));
            return null;
          });

      assertThat(subscriptionsOf(db, TOPIC))
          .extracting(Subscription::arn)
          .containsExactly(TOPIC + ":c", TOPIC + ":a", TOPIC + ":b", TOPIC + ":0");
      assertThat(subscription(db, TOPIC + ":a")).contains(subscription(TOPIC, "a"));
    }
  }

  @StoreTest
  void subscriptionDocumentsKeepTheFormatEarlierVersionsWrote(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          s -> {
            s.putSubscription(SCOPE, subscription(TOPIC, "c"));
            return null;
          });
      assertThat(column(db, "SELECT body FROM sns_subscriptions")).isEqualTo(SUBSCRIPTION_C);

      db.transaction(
          c -> {
            try (PreparedStatement s =
                c.prepareStatement("UPDATE sns_subscriptions SET body = ?")) {
              s.setString(1, SUBSCRIPTION_C.replace("}}", "},\"addedLater\":1}"));
              return s.executeUpdate();
            }
          });
      assertThat(subscription(db, TOPIC + ":c")).contains(subscription(TOPIC, "c"));
    }
  }

  @StoreTest
  void duplicatesAreRememberedWithinTheirWindowAndReplaced(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          s -> {
            s.remember(TOPIC, "d1", new TopicStore.Duplicate("m1", "1"), 10_000);
            s.remember(TOPIC, "d1", new TopicStore.Duplicate("m2", "2"), 20_000);
            return null;
          });

      assertThat(duplicate(db, TOPIC, 15_000)).contains(new TopicStore.Duplicate("m2", "2"));
      assertThat(duplicate(db, TOPIC, 20_000)).isEmpty();
      assertThat(duplicate(db, TOPIC_2, 0)).isEmpty();
    }
  }

  static String sequence(Database db, String topic) {
    return db.transaction(c -> new TopicStore(c).nextSequence(topic));
  }

  static boolean unsubscribe(Database db, String arn) {
    return db.transaction(c -> new TopicStore(c).deleteSubscription(arn));
  }

  static List<Subscription> subscriptionsOf(Database db, String topic) {
    return db.read(c -> new TopicStore(c).subscriptionsOf(topic));
  }

  static List<Subscription> subscriptions(Database db, Scope scope) {
    return db.read(c -> new TopicStore(c).subscriptions(scope));
  }

  static Optional<Subscription> subscription(Database db, String arn) {
    return db.read(c -> new TopicStore(c).subscription(arn));
  }

  static List<Topic> topics(Database db, Scope scope) {
    return db.read(c -> new TopicStore(c).topics(scope));
  }

  static Optional<TopicStore.Duplicate> duplicate(Database db, String topic, long now) {
    return db.read(c -> new TopicStore(c).duplicate(topic, "d1", now));
  }

  static String column(Database db, String sql) {
    return db.read(
        c -> {
          List<String> values = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(sql);
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              values.add(r.getString(1));
            }
          }
          assertThat(values).hasSize(1);
          return values.getFirst();
        });
  }
}
