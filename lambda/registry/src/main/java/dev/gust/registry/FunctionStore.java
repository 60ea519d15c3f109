package dev.gust.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.gust.core.Scope;
import dev.gust.store.Dialect;
import dev.gust.store.Documents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry's tables, read and written inside the caller's transaction. Versions and aliases are
 * stored as JSON documents keyed by scope, function and version or alias name; the columns beside
 * them exist for lookups and for the code collector.
 */
final class FunctionStore {

  static final List<String> MIGRATIONS =
      List.of(
          """
          CREATE TABLE functions (
            account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
            latest TEXT NOT NULL, code_key TEXT NOT NULL, tags TEXT NOT NULL,
            reserved_concurrency INTEGER, last_version INTEGER NOT NULL,
            PRIMARY KEY (account, region, name));
          CREATE TABLE function_versions (
            account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
            version INTEGER NOT NULL, body TEXT NOT NULL, code_key TEXT NOT NULL,
            PRIMARY KEY (account, region, name, version));
          CREATE TABLE function_aliases (
            account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
            alias TEXT NOT NULL, body TEXT NOT NULL,
            PRIMARY KEY (account, region, name, alias))
          """,
          """
          CREATE TABLE provisioned_concurrency (
            account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
            qualifier TEXT NOT NULL, requested INTEGER NOT NULL, allocated INTEGER NOT NULL,
            available INTEGER NOT NULL, status TEXT NOT NULL, status_reason TEXT,
            last_modified TEXT NOT NULL,
            PRIMARY KEY (account, region, name, qualifier))
          """,
          """
          CREATE TABLE event_invoke_configs (
            account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
            qualifier TEXT NOT NULL, maximum_retry_attempts INTEGER, maximum_event_age INTEGER,
            on_success TEXT, on_failure TEXT, last_modified TEXT NOT NULL,
            PRIMARY KEY (account, region, name, qualifier))
          """);

  private static final String PUT_ALIAS =
      Dialect.upsert(
          "function_aliases", List.of("account", "region", "name", "alias"), List.of("body"));

  /** A function's row: its {@code $LATEST}, tags, reserved concurrency and version counter. */
  record Row(
      FunctionVersion latest,
      Map<String, String> tags,
      OptionalInt reservedConcurrency,
      long lastVersion) {

    Row withLatest(FunctionVersion next) {
      return new Row(next, tags, reservedConcurrency, lastVersion);
    }
  }

  private final Connection c;
  private final Scope scope;

  FunctionStore(Connection connection, Scope scope) {
    this.c = connection;
    this.scope = scope;
  }

  Optional<Row> find(String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT latest, tags, reserved_concurrency, last_version FROM functions"
                + " WHERE account = ? AND region = ? AND name = ?")) {
      bindKey(s, name);
      try (ResultSet rows = s.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        int reserved = rows.getInt(3);
        OptionalInt concurrency = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(reserved);
        return Optional.of(
            new Row(
                decode(rows.getString(1), FunctionVersion.class),
                decode(rows.getString(2), new TypeReference<TreeMap<String, String>>() {}),
                concurrency,
                rows.getLong(4)));
      }
    }
  }

  void insert(Row row) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO functions (account, region, name, latest, code_key, tags,"
                + " reserved_concurrency, last_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      bindKey(s, row.latest().functionName());
      bindRow(s, 4, row);
      s.executeUpdate();
    }
  }

  void update(Row row) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE functions SET latest = ?, code_key = ?, tags = ?, reserved_concurrency = ?,"
                + " last_version = ? WHERE account = ? AND region = ? AND name = ?")) {
      bindRow(s, 1, row);
      s.setString(6, scope.account());
      s.setString(7, scope.region());
      s.setString(8, row.latest().functionName());
      s.executeUpdate();
    }
  }

  void delete(String name) throws SQLException {
    for (String table : List.of("function_aliases", "function_versions", "functions")) {
      try (PreparedStatement s =
          c.prepareStatement(
              "DELETE FROM " + table + " WHERE account = ? AND region = ? AND name = ?")) {
        bindKey(s, name);
        s.executeUpdate();
      }
    }
  }

  Scope scope() {
    return scope;
  }

  /** The provisioned concurrency table of this scope, in the same transaction. */
  ProvisionedStore provisioned() {
    return new ProvisionedStore(c, this);
  }

  /** The asynchronous invocation configurations of this scope, in the same transaction. */
  EventInvokeConfigStore eventInvokeConfigs() {
    return new EventInvokeConfigStore(c, scope);
  }

  /** The tables of another scope, in the same transaction. */
  FunctionStore in(Scope other) {
    return new FunctionStore(c, other);
  }

  /** Function names in this scope from {@code from} on, in order. */
  List<String> names(String from, boolean inclusive, int limit) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT name FROM functions WHERE account = ? AND region = ? AND name "
                + (inclusive ? ">=" : ">")
                + " ? ORDER BY name LIMIT ?")) {
      s.setString(1, scope.account());
      s.setString(2, scope.region());
      s.setString(3, from);
      s.setInt(4, limit);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    return names;
  }

  Optional<FunctionVersion> version(String name, long version) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT body FROM function_versions"
                + " WHERE account = ? AND region = ? AND name = ? AND version = ?")) {
      bindKey(s, name);
      s.setLong(4, version);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next()
            ? Optional.of(decode(rows.getString(1), FunctionVersion.class))
            : Optional.empty();
      }
    }
  }

  /** Published versions of a function above {@code after}, ascending. */
  List<FunctionVersion> versions(String name, long after, int limit) throws SQLException {
    List<FunctionVersion> versions = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT body FROM function_versions WHERE account = ? AND region = ? AND name = ?"
                + " AND version > ? ORDER BY version LIMIT ?")) {
      bindKey(s, name);
      s.setLong(4, after);
      s.setInt(5, limit);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          versions.add(decode(rows.getString(1), FunctionVersion.class));
        }
      }
    }
    return versions;
  }

  void insertVersion(FunctionVersion version) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO function_versions (account, region, name, version, body, code_key)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      bindKey(s, version.functionName());
      s.setLong(4, Long.parseLong(version.version()));
      s.setString(5, encode(version));
      s.setString(6, version.code().blobKey());
      s.executeUpdate();
    }
  }

  void deleteVersion(String name, long version) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM function_versions"
                + " WHERE account = ? AND region = ? AND name = ? AND version = ?")) {
      bindKey(s, name);
      s.setLong(4, version);
      s.executeUpdate();
    }
  }

  Optional<Alias> alias(String name, String alias) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT body FROM function_aliases"
                + " WHERE account = ? AND region = ? AND name = ? AND alias = ?")) {
      bindKey(s, name);
      s.setString(4, alias);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? Optional.of(decode(rows.getString(1), Alias.class)) : Optional.empty();
      }
    }
  }

  List<Alias> aliases(String name) throws SQLException {
    List<Alias> aliases = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT body FROM function_aliases WHERE account = ? AND region = ? AND name = ?"
                + " ORDER BY alias")) {
      bindKey(s, name);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          aliases.add(decode(rows.getString(1), Alias.class));
        }
      }
    }
    return aliases;
  }

  void putAlias(Alias alias) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PUT_ALIAS)) {
      bindKey(s, alias.functionName());
      s.setString(4, alias.name());
      s.setString(5, encode(alias));
      s.executeUpdate();
    }
  }

  void deleteAlias(String name, String alias) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM function_aliases"
                + " WHERE account = ? AND region = ? AND name = ? AND alias = ?")) {
      bindKey(s, name);
      s.setString(4, alias);
      s.executeUpdate();
    }
  }

  /** Reserved concurrency of all functions in this scope (account and region). */
  long reservedConcurrencyTotal() throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT COALESCE(SUM(reserved_concurrency), 0) FROM functions WHERE account = ?"
                + " AND region = ?")) {
      s.setString(1, scope.account());
      s.setString(2, scope.region());
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** A $LATEST whose lifecycle has not settled, and the scope it lives in. */
  record Unsettled(Scope scope, FunctionVersion latest) {}

  /** Every stored $LATEST in every scope whose lifecycle has not settled. */
  static List<Unsettled> unsettled(Connection c) throws SQLException {
    List<Unsettled> result = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT account, region, latest FROM functions");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        FunctionVersion latest = decode(rows.getString(3), FunctionVersion.class);
        if (latest.lifecycle().settling()) {
          result.add(new Unsettled(new Scope(rows.getString(1), rows.getString(2)), latest));
        }
      }
    }
    return result;
  }

  /** Blob keys referenced by any function or version, in every scope. */
  static Set<String> liveCodeKeys(Connection c) throws SQLException {
    Set<String> keys = new HashSet<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT code_key FROM functions UNION SELECT code_key FROM function_versions");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        keys.add(rows.getString(1));
      }
    }
    return keys;
  }

  /** How many functions a scope has and how much code all their versions store. */
  record Usage(long functionCount, long codeSize) {}

  /** The usage of this scope. */
  Usage usage() throws SQLException {
    long count = 0;
    long size = 0;
    try (PreparedStatement s =
        c.prepareStatement("SELECT latest FROM functions WHERE account = ? AND region = ?")) {
      s.setString(1, scope.account());
      s.setString(2, scope.region());
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          count++;
          size += decode(rows.getString(1), FunctionVersion.class).code().size();
        }
      }
    }
    try (PreparedStatement s =
        c.prepareStatement("SELECT body FROM function_versions WHERE account = ? AND region = ?")) {
      s.setString(1, scope.account());
      s.setString(2, scope.region());
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          size += decode(rows.getString(1), FunctionVersion.class).code().size();
        }
      }
    }
    return new Usage(count, size);
  }

  private void bindKey(PreparedStatement s, String name) throws SQLException {
    s.setString(1, scope.account());
    s.setString(2, scope.region());
    s.setString(3, name);
  }

  private static void bindRow(PreparedStatement s, int first, Row row) throws SQLException {
    s.setString(first, encode(row.latest()));
    s.setString(first + 1, row.latest().code().blobKey());
    s.setString(first + 2, encode(row.tags()));
    if (row.reservedConcurrency().isPresent()) {
      s.setInt(first + 3, row.reservedConcurrency().getAsInt());
    } else {
      s.setNull(first + 3, Types.INTEGER);
    }
    s.setLong(first + 4, row.lastVersion());
  }

  private static String encode(Object value) {
    return Documents.write(value);
  }

  private static <T> T decode(String json, Class<T> type) {
    return Documents.read(json, type);
  }

  private static <T> T decode(String json, TypeReference<T> type) {
    return Documents.read(json, type);
  }
}
