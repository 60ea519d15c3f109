package dev.gust.eventbridge;

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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The event bus tables, read and written inside the caller's transaction: custom buses, rules and
 * their targets as JSON documents keyed by scope and names, tags by resource ARN, and the outbox of
 * events on their way to targets. The {@code default} bus of every scope exists without a row.
 */
final class BusStore {

  static final String OUTBOX = "bus_outbox";

  /** The bus tables' migrations. */
  static List<String> migrations(Dialect dialect) {
    return List.of(
        """
          CREATE TABLE event_buses (
            account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
            description TEXT, created_ms INTEGER NOT NULL,
            PRIMARY KEY (account, region, name));
          CREATE TABLE event_rules (
            account TEXT NOT NULL, region TEXT NOT NULL, bus TEXT NOT NULL, name TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (account, region, bus, name));
          CREATE TABLE event_targets (
            account TEXT NOT NULL, region TEXT NOT NULL, bus TEXT NOT NULL, rule TEXT NOT NULL,
            id TEXT NOT NULL, body TEXT NOT NULL,
            PRIMARY KEY (account, region, bus, rule, id));
          CREATE TABLE event_tags (arn TEXT PRIMARY KEY, tags TEXT NOT NULL);
          """
            + Outbox.schema(dialect, OUTBOX));
  }

  static final String DEFAULT_BUS = "default";

  private static final String PUT_RULE =
      Dialect.upsert("event_rules", List.of("account", "region", "bus", "name"), List.of("body"));

  private static final String PUT_TARGET =
      Dialect.upsert(
          "event_targets", List.of("account", "region", "bus", "rule", "id"), List.of("body"));

  private static final String PUT_TAGS =
      Dialect.upsert("event_tags", List.of("arn"), List.of("tags"));

  /** A bus; the default bus has no description and creation time 0. */
  record Bus(String name, Optional<String> description, long createdMillis) {}

  /** A rule with schedule somewhere in the store, for arming timers at start. */
  record Scheduled(Scope scope, BusRule rule) {}

  private final Connection c;
  private final Scope scope;

  BusStore(Connection connection, Scope scope) {
    this.c = connection;
    this.scope = scope;
  }

  Optional<Bus> bus(String name) throws SQLException {
    if (name.equals(DEFAULT_BUS)) {
      return Optional.of(new Bus(DEFAULT_BUS, Optional.empty(), 0));
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT description, created_ms FROM event_buses"
                + " WHERE account = ? AND region = ? AND name = ?")) {
      bind(s, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new Bus(name, Optional.ofNullable(r.getString(1)), r.getLong(2)))
            : Optional.empty();
      }
    }
  }

  /** The default bus and the custom buses, in name order. */
  List<Bus> buses() throws SQLException {
    List<Bus> result = new ArrayList<>();
    result.add(new Bus(DEFAULT_BUS, Optional.empty(), 0));
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT name, description, created_ms FROM event_buses"
                + " WHERE account = ? AND region = ? ORDER BY name")) {
      s.setString(1, scope.account());
      s.setString(2, scope.region());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          result.add(new Bus(r.getString(1), Optional.ofNullable(r.getString(2)), r.getLong(3)));
        }
      }
    }
    result.sort(java.util.Comparator.comparing(Bus::name));
    return result;
  }

  void insertBus(Bus bus) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO event_buses (account, region, name, description, created_ms)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      bind(s, bus.name());
      s.setString(4, bus.description().orElse(null));
      s.setLong(5, bus.createdMillis());
      s.executeUpdate();
    }
  }

  void deleteBus(String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM event_buses WHERE account = ? AND region = ? AND name = ?")) {
      bind(s, name);
      s.executeUpdate();
    }
  }

  Optional<BusRule> rule(String bus, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT body FROM event_rules WHERE account = ? AND region = ? AND bus = ? AND name = ?")) {
      bind(s, bus);
      s.setString(4, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(decode(r.getString(1), BusRule.class)) : Optional.empty();
      }
    }
  }

  /** The rules of a bus in name order. */
  List<BusRule> rules(String bus) throws SQLException {
    List<BusRule> result = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT body FROM event_rules WHERE account = ? AND region = ? AND bus = ?"
                + " ORDER BY name")) {
      bind(s, bus);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          result.add(decode(r.getString(1), BusRule.class));
        }
      }
    }
    return result;
  }

  void putRule(BusRule rule) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PUT_RULE)) {
      bind(s, rule.bus());
      s.setString(4, rule.name());
      s.setString(5, encode(rule));
      s.executeUpdate();
    }
  }

  void deleteRule(String bus, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM event_rules WHERE account = ? AND region = ? AND bus = ? AND name = ?")) {
      bind(s, bus);
      s.setString(4, name);
      s.executeUpdate();
    }
  }

  List<RuleTarget> targets(String bus, String rule) throws SQLException {
    List<RuleTarget> result = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT body FROM event_targets WHERE account = ? AND region = ? AND bus = ?"
                + " AND rule = ? ORDER BY id")) {
      bind(s, bus);
      s.setString(4, rule);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          result.add(decode(r.getString(1), RuleTarget.class));
        }
      }
    }
    return result;
  }

  void putTarget(String bus, String rule, RuleTarget target) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PUT_TARGET)) {
      bind(s, bus);
      s.setString(4, rule);
      s.setString(5, target.id());
      s.setString(6, encode(target));
      s.executeUpdate();
    }
  }

  boolean deleteTarget(String bus, String rule, String id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM event_targets WHERE account = ? AND region = ? AND bus = ? AND rule = ?"
                + " AND id = ?")) {
      bind(s, bus);
      s.setString(4, rule);
      s.setString(5, id);
      return s.executeUpdate() > 0;
    }
  }

  Map<String, String> tags(String arn) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT tags FROM event_tags WHERE arn = ?")) {
      s.setString(1, arn);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? decode(r.getString(1), new TypeReference<TreeMap<String, String>>() {})
            : new TreeMap<>();
      }
    }
  }

  void setTags(String arn, Map<String, String> tags) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(tags.isEmpty() ? "DELETE FROM event_tags WHERE arn = ?" : PUT_TAGS)) {
      s.setString(1, arn);
      if (!tags.isEmpty()) {
        s.setString(2, encode(new TreeMap<>(tags)));
      }
      s.executeUpdate();
    }
  }

  /** Every rule with a schedule, in every scope. */
  static List<Scheduled> scheduledRules(Connection c) throws SQLException {
    List<Scheduled> result = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT account, region, body FROM event_rules");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        BusRule rule = decode(r.getString(3), BusRule.class);
        if (rule.scheduleExpression().isPresent()) {
          result.add(new Scheduled(new Scope(r.getString(1), r.getString(2)), rule));
        }
      }
    }
    return result;
  }

  private void bind(PreparedStatement s, String name) throws SQLException {
    s.setString(1, scope.account());
    s.setString(2, scope.region());
    s.setString(3, name);
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
