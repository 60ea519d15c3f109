package dev.gust.registry;

import dev.gust.core.Scope;
import dev.gust.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code provisioned_concurrency} table of one scope, read and written inside the caller's
 * transaction. A row is keyed by function and qualifier (a version number or an alias name); the
 * version an alias points to is not stored but read from the alias, so it is never stale.
 */
final class ProvisionedStore {

  private static final String COLUMNS =
      "name, qualifier, requested, allocated, available, status, status_reason, last_modified";

  private static final String PUT =
      Dialect.upsert(
          "provisioned_concurrency",
          List.of("account", "region", "name", "qualifier"),
          List.of(
              "requested", "allocated", "available", "status", "status_reason", "last_modified"));

  private final Connection c;
  private final FunctionStore functions;
  private final Scope scope;

  ProvisionedStore(Connection connection, FunctionStore functions) {
    this.c = connection;
    this.functions = functions;
    this.scope = functions.scope();
  }

  Optional<ProvisionedConcurrency> find(String name, String qualifier) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM provisioned_concurrency"
                + " WHERE account = ? AND region = ? AND name = ? AND qualifier = ?")) {
      bindKey(s, name);
      s.setString(4, qualifier);
      List<ProvisionedConcurrency> rows = decode(s);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }
  }

  /** A function's configurations with qualifiers after {@code after}, in qualifier order. */
  List<ProvisionedConcurrency> list(String name, String after, int limit) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM provisioned_concurrency WHERE account = ? AND region = ? AND name = ?"
                + " AND qualifier > ? ORDER BY qualifier LIMIT ?")) {
      bindKey(s, name);
      s.setString(4, after);
      s.setInt(5, limit);
      return decode(s);
    }
  }

  List<ProvisionedConcurrency> ofFunction(String name) throws SQLException {
    return list(name, "", Integer.MAX_VALUE);
  }

  /** Inserts or replaces the configuration of its function and qualifier. */
  void put(ProvisionedConcurrency config) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PUT)) {
      bindKey(s, config.functionName());
      s.setString(4, config.qualifier());
      s.setInt(5, config.requested());
      s.setInt(6, config.allocated());
      s.setInt(7, config.available());
      s.setString(8, config.status().name());
      s.setString(9, config.statusReason().orElse(null));
      s.setString(10, config.lastModified().toString());
      s.executeUpdate();
    }
  }

  /** Records the platform's progress; false if the configuration does not exist. */
  boolean report(
      String name,
      String qualifier,
      int allocated,
      int available,
      ProvisionedConcurrency.Status status,
      Optional<String> reason)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE provisioned_concurrency SET allocated = ?, available = ?, status = ?,"
                + " status_reason = ? WHERE account = ? AND region = ? AND name = ?"
                + " AND qualifier = ?")) {
      s.setInt(1, allocated);
      s.setInt(2, available);
      s.setString(3, status.name());
      s.setString(4, reason.orElse(null));
      s.setString(5, scope.account());
      s.setString(6, scope.region());
      s.setString(7, name);
      s.setString(8, qualifier);
      return s.executeUpdate() > 0;
    }
  }

  /** Deletes one configuration; false if there was none. */
  boolean delete(String name, String qualifier) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM provisioned_concurrency"
                + " WHERE account = ? AND region = ? AND name = ? AND qualifier = ?")) {
      bindKey(s, name);
      s.setString(4, qualifier);
      return s.executeUpdate() > 0;
    }
  }

  /**
   * Provisioned concurrency requested for functions without reserved concurrency, which the
   * account's unreserved pool pays for, leaving out one function's configurations (all of them, or
   * only the one with the given qualifier).
   */
  long requestedOutsideReserved(String exceptName, Optional<String> exceptQualifier)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT COALESCE(SUM(p.requested), 0) FROM provisioned_concurrency p"
                + " JOIN functions f ON f.account = p.account AND f.region = p.region"
                + " AND f.name = p.name WHERE p.account = ? AND p.region = ?"
                + " AND f.reserved_concurrency IS NULL"
                + " AND NOT (p.name = ? AND (? IS NULL OR p.qualifier = ?))")) {
      bindKey(s, exceptName);
      s.setString(4, exceptQualifier.orElse(null));
      s.setString(5, exceptQualifier.orElse(null));
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** Every configuration in every scope. */
  static List<ProvisionedConcurrency> all(Connection c) throws SQLException {
    List<ProvisionedConcurrency> all = new ArrayList<>();
    List<Scope> scopes = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT DISTINCT account, region FROM provisioned_concurrency"
                    + " ORDER BY account, region");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        scopes.add(new Scope(rows.getString(1), rows.getString(2)));
      }
    }
    for (Scope scope : scopes) {
      ProvisionedStore store = new FunctionStore(c, scope).provisioned();
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT "
                  + COLUMNS
                  + " FROM provisioned_concurrency WHERE account = ? AND region = ?"
                  + " ORDER BY name, qualifier")) {
        s.setString(1, scope.account());
        s.setString(2, scope.region());
        all.addAll(store.decode(s));
      }
    }
    return all;
  }

  /** Reads the rows first and looks up alias targets after, so no two result sets are open. */
  private List<ProvisionedConcurrency> decode(PreparedStatement s) throws SQLException {
    List<ProvisionedConcurrency> rows = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.add(
            new ProvisionedConcurrency(
                scope,
                r.getString(1),
                r.getString(2),
                "",
                r.getInt(3),
                r.getInt(4),
                r.getInt(5),
                ProvisionedConcurrency.Status.valueOf(r.getString(6)),
                Optional.ofNullable(r.getString(7)),
                Instant.parse(r.getString(8))));
      }
    }
    List<ProvisionedConcurrency> configs = new ArrayList<>(rows.size());
    for (ProvisionedConcurrency row : rows) {
      configs.add(row.pointingAt(versionOf(row.functionName(), row.qualifier())));
    }
    return configs;
  }

  /** The version a qualifier names: itself, or the primary version of the alias it names. */
  private String versionOf(String name, String qualifier) throws SQLException {
    if (ProvisionedRules.isVersion(qualifier)) {
      return qualifier;
    }
    return functions
        .alias(name, qualifier)
        .map(Alias::functionVersion)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "provisioned concurrency of a missing alias "
                        + Arns.function(scope, name, qualifier)));
  }

  private void bindKey(PreparedStatement s, String name) throws SQLException {
    s.setString(1, scope.account());
    s.setString(2, scope.region());
    s.setString(3, name);
  }
}
