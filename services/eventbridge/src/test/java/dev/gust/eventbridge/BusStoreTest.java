package dev.gust.eventbridge;

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
import org.junit.jupiter.api.io.TempDir;

/** The bus tables on every backend, and the documents they hold as earlier versions wrote them. */
class BusStoreTest {

  static final Scope SCOPE = Scope.defaultScope();
  static final Scope OTHER = new Scope("111122223333", "eu-west-1");
  static final String ARN = "arn:aws:events:us-east-1:000000000000:rule/r";

  /** Documents exactly as this version and the ones before it wrote them. */
  static final String RULE =
      "{\"bus\":\"default\",\"name\":\"r\",\"eventPattern\":\"{\\\"source\\\":[\\\"a\\\"]}\","
          + "\"scheduleExpression\":null,\"state\":\"ENABLED\",\"description\":null,"
          + "\"roleArn\":null,\"createdMillis\":1000}";

  static final String TARGET =
      "{\"id\":\"t1\",\"arn\":\"arn:aws:sqs:us-east-1:000000000000:q\",\"input\":null,"
          + "\"inputPath\":null,\"transformer\":{\"inputPathsMap\":{\"s\":\"$.source\"},"
          + "\"inputTemplate\":\"<s>\"},\"maxRetries\":3,\"maxAgeSeconds\":null,"
          + "\"deadLetterArn\":null,\"roleArn\":null}";

  static final String TAGS = "{\"a\":\"1\",\"b\":\"2\"}";

  @TempDir Path dir;

  interface Work {
    void run(BusStore store) throws SQLException;
  }

  static void write(Database db, Scope scope, Work work) {
    db.transaction(
        c -> {
          work.run(new BusStore(c, scope));
          return null;
        });
  }

  private Database open(Databases.Backend backend) {
    Database db = backend.open(dir);
    db.migrate("buses", BusStore.migrations(db.dialect()));
    return db;
  }

  static BusRule rule(String bus, String name, BusRule.State state, Optional<String> schedule) {
    return new BusRule(
        bus,
        name,
        schedule.isPresent() ? Optional.empty() : Optional.of("{\"source\":[\"a\"]}"),
        schedule,
        state,
        Optional.empty(),
        Optional.empty(),
        1000);
  }

  static RuleTarget target(String id, int retries) {
    return new RuleTarget(
        id,
        "arn:aws:sqs:us-east-1:000000000000:q",
        Optional.empty(),
        Optional.empty(),
        Optional.of(new RuleTarget.Transformer(Map.of("s", "$.source"), "<s>")),
        Optional.of(retries),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @StoreTest
  void busesListTheDefaultBusAndTheCustomOnesByName(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          SCOPE,
          s -> {
            s.insertBus(new BusStore.Bus("orders", Optional.of("Orders"), 5));
            s.insertBus(new BusStore.Bus("audit", Optional.empty(), 6));
          });

      assertThat(buses(db, SCOPE))
          .containsExactly(
              new BusStore.Bus("audit", Optional.empty(), 6),
              new BusStore.Bus("default", Optional.empty(), 0),
              new BusStore.Bus("orders", Optional.of("Orders"), 5));
      assertThat(buses(db, OTHER)).hasSize(1);

      write(db, SCOPE, s -> s.deleteBus("orders"));
      assertThat(bus(db, "orders")).isEmpty();
    }
  }

  @StoreTest
  void rulesReadBackByNameAndAPutAgainReplacesTheRule(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          SCOPE,
          s -> {
            s.putRule(rule("default", "r2", BusRule.State.ENABLED, Optional.empty()));
            s.putRule(rule("default", "r", BusRule.State.ENABLED, Optional.empty()));
            s.putRule(rule("default", "r", BusRule.State.DISABLED, Optional.empty()));
            s.putRule(rule("orders", "r", BusRule.State.ENABLED, Optional.empty()));
          });

      assertThat(rules(db, "default"))
          .containsExactly(
              rule("default", "r", BusRule.State.DISABLED, Optional.empty()),
              rule("default", "r2", BusRule.State.ENABLED, Optional.empty()));
      assertThat(rule(db, "orders", "r")).isPresent();

      write(db, SCOPE, s -> s.deleteRule("default", "r"));
      assertThat(rules(db, "default")).extracting(BusRule::name).containsExactly("r2");
    }
  }

  @StoreTest
  void scheduledRulesOfEveryScopeAreFound(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          SCOPE,
          s ->
              s.putRule(
                  rule("default", "tick", BusRule.State.ENABLED, Optional.of("rate(1 minute)"))));
      write(
          db,
          SCOPE,
          s -> s.putRule(rule("default", "pattern", BusRule.State.ENABLED, Optional.empty())));
      write(
          db,
          OTHER,
          s ->
              s.putRule(
                  rule("default", "tock", BusRule.State.DISABLED, Optional.of("rate(5 minutes)"))));

      assertThat(scheduled(db))
          .extracting(scheduled -> scheduled.scope().region() + "/" + scheduled.rule().name())
          .containsExactlyInAnyOrder("us-east-1/tick", "eu-west-1/tock");
    }
  }

  @StoreTest
  void targetsReadBackByIdAndAPutAgainReplacesTheTarget(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          SCOPE,
          s -> {
            s.putTarget("default", "r", target("t2", 1));
            s.putTarget("default", "r", target("t1", 1));
            s.putTarget("default", "r", target("t1", 3));
            s.putTarget("default", "other", target("t9", 1));
          });

      assertThat(targets(db, "r")).containsExactly(target("t1", 3), target("t2", 1));
      assertThat(deleteTarget(db, "r", "t2")).isTrue();
      assertThat(deleteTarget(db, "r", "t2")).isFalse();
      assertThat(targets(db, "r")).hasSize(1);
    }
  }

  @StoreTest
  void tagsAreReplacedWholeAndRemovedWhenEmpty(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(db, SCOPE, s -> s.setTags(ARN, Map.of("a", "0")));
      write(db, SCOPE, s -> s.setTags(ARN, Map.of("b", "2", "a", "1")));

      assertThat(tags(db, ARN)).isEqualTo(Map.of("a", "1", "b", "2"));
      assertThat(column(db, "SELECT tags FROM event_tags")).isEqualTo(TAGS);

      write(db, SCOPE, s -> s.setTags(ARN, Map.of()));
      assertThat(tags(db, ARN)).isEmpty();
    }
  }

  @StoreTest
  void documentsKeepTheFormatEarlierVersionsWrote(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          SCOPE,
          s -> {
            s.putRule(rule("default", "r", BusRule.State.ENABLED, Optional.empty()));
            s.putTarget("default", "r", target("t1", 3));
          });

      assertThat(column(db, "SELECT body FROM event_rules")).isEqualTo(RULE);
      assertThat(column(db, "SELECT body FROM event_targets")).isEqualTo(TARGET);

      db.transaction(
          c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE event_rules SET body = ?")) {
              s.setString(1, RULE.substring(0, RULE.length() - 1) + ",\"addedLater\":[1]}");
              return s.executeUpdate();
            }
          });
      assertThat(rule(db, "default", "r"))
          .contains(rule("default", "r", BusRule.State.ENABLED, Optional.empty()));
    }
  }

  static List<BusStore.Bus> buses(Database db, Scope scope) {
    return db.read(c -> new BusStore(c, scope).buses());
  }

  static Optional<BusStore.Bus> bus(Database db, String name) {
    return db.read(c -> new BusStore(c, SCOPE).bus(name));
  }

  static List<BusRule> rules(Database db, String bus) {
    return db.read(c -> new BusStore(c, SCOPE).rules(bus));
  }

  static Optional<BusRule> rule(Database db, String bus, String name) {
    return db.read(c -> new BusStore(c, SCOPE).rule(bus, name));
  }

  static List<BusStore.Scheduled> scheduled(Database db) {
    return db.read(BusStore::scheduledRules);
  }

  static List<RuleTarget> targets(Database db, String rule) {
    return db.read(c -> new BusStore(c, SCOPE).targets("default", rule));
  }

  static boolean deleteTarget(Database db, String rule, String id) {
    return db.transaction(c -> new BusStore(c, SCOPE).deleteTarget("default", rule, id));
  }

  static Map<String, String> tags(Database db, String arn) {
    return db.read(c -> new BusStore(c, SCOPE).tags(arn));
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
