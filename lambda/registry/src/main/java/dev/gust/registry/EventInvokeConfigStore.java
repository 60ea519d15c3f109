package dev.gust.registry;

import dev.gust.core.Scope;
import dev.gust.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code event_invoke_configs} table of one scope, read and written inside the caller's
 * transaction. A row is keyed by function and qualifier: {@code $LATEST}, a version number or an
 * alias name. Absent settings are stored as {@code NULL}.
 */
final class EventInvokeConfigStore {

  private static final String COLUMNS =
      "qualifier, maximum_retry_attempts, maximum_event_age, on_success, on_failure,"
          + " last_modified";

  private static final String PUT =
      Dialect.upsert(
          "event_invoke_configs",
          List.of("account", "region", "name", "qualifier"),
          List.of(
              "maximum_retry_attempts",
              "maximum_event_age",
              "on_success",
              "on_failure",
              "last_modified"));

  private final Connection c;
  private final Scope scope;

  EventInvokeConfigStore(Connection connection, Scope scope) {
    this.c = connection;
    this.scope = scope;
  }

  Optional<EventInvokeConfig> find(String name, String qualifier) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM event_invoke_configs"
                + " WHERE account = ? AND region = ? AND name = ? AND qualifier = ?")) {
      bindKey(s, name);
      s.setString(4, qualifier);
      List<EventInvokeConfig> rows = decode(s, name);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }
  }

  /** A function's configurations with qualifiers after {@code after}, in qualifier order. */
  List<EventInvokeConfig> list(String name, String after, int limit) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM event_invoke_configs WHERE account = ? AND region = ? AND name = ?"
                + " AND qualifier > ? ORDER BY qualifier LIMIT ?")) {
      bindKey(s, name);
      s.setString(4, after);
      s.setInt(5, limit);
      return decode(s, name);
    }
  }

  /** Inserts or replaces the configuration of a function's qualifier. */
  void put(String name, String qualifier, EventInvokeConfig config) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PUT)) {
      bindKey(s, name);
      s.setString(4, qualifier);
      bindInt(s, 5, config.maximumRetryAttempts());
      bindInt(s, 6, config.maximumEventAgeInSeconds());
      s.setString(7, config.onSuccess().orElse(null));
      s.setString(8, config.onFailure().orElse(null));
      s.setString(9, config.lastModified().toString());
      s.executeUpdate();
    }
  }

  /** Deletes one configuration; false if there was none. */
  boolean delete(String name, String qualifier) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM event_invoke_configs"
                + " WHERE account = ? AND region = ? AND name = ? AND qualifier = ?")) {
      bindKey(s, name);
      s.setString(4, qualifier);
      return s.executeUpdate() > 0;
    }
  }

  /** Deletes every configuration of a function. */
  void deleteAll(String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM event_invoke_configs WHERE account = ? AND region = ? AND name = ?")) {
      bindKey(s, name);
      s.executeUpdate();
    }
  }

  private List<EventInvokeConfig> decode(PreparedStatement s, String name) throws SQLException {
    List<EventInvokeConfig> configs = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        configs.add(
            new EventInvokeConfig(
                Arns.function(scope, name, r.getString(1)),
                intAt(r, 2),
                intAt(r, 3),
                Optional.ofNullable(r.getString(4)),
                Optional.ofNullable(r.getString(5)),
                Instant.parse(r.getString(6))));
      }
    }
    return configs;
  }

  private static OptionalInt intAt(ResultSet r, int column) throws SQLException {
    int value = r.getInt(column);
    return r.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
  }

  private static void bindInt(PreparedStatement s, int index, OptionalInt value)
      throws SQLException {
    if (value.isPresent()) {
      s.setInt(index, value.getAsInt());
    } else {
      s.setNull(index, Types.INTEGER);
    }
  }

  private void bindKey(PreparedStatement s, String name) throws SQLException {
    s.setString(1, scope.account());
    s.setString(2, scope.region());
    s.setString(3, name);
  }
}
