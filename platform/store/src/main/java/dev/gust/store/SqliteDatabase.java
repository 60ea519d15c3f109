package dev.gust.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded SQLite backend.
 *
 * <p>Implementation notes: one connection serves the node, guarded by a lock, so transactions are
 * serialized in this process; SQLite allows one writer at a time anyway, and control-plane traffic
 * is light. The lock is a {@link ReentrantLock}, which does not pin virtual threads. {@code
 * journal_mode=WAL} with {@code synchronous=FULL} fsyncs the log on every commit, so a returned
 * transaction survives a crash; {@code BEGIN IMMEDIATE} takes the write lock up front so that a
 * second process opening the same file gets a clear busy error instead of a deadlock.
 */
final class SqliteDatabase implements Database {

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  private SqliteDatabase(Connection connection) {
    this.connection = connection;
  }

  static SqliteDatabase open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.notExists(file)) {
        // Owner only; SQLite gives its WAL and shared-memory files the same mode.
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA synchronous=FULL");
        statement.execute("PRAGMA foreign_keys=ON");
        statement.execute("PRAGMA busy_timeout=5000");
      }
      connection.setAutoCommit(true);
      SqliteDatabase database = new SqliteDatabase(connection);
      database.transaction(
          c -> {
            try (Statement statement = c.createStatement()) {
              statement.execute(
                  "CREATE TABLE IF NOT EXISTS schema_migrations ("
                      + " component TEXT NOT NULL, version INTEGER NOT NULL,"
                      + " PRIMARY KEY (component, version))");
            }
            return null;
          });
      return database;
    } catch (SQLException e) {
      throw new StoreException("cannot open database " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Dialect dialect() {
    return Dialect.sqlite();
  }

  @Override
  public <T> T transaction(Work<T> work) {
    return inLock("BEGIN IMMEDIATE", work);
  }

  @Override
  public <T> T read(Work<T> work) {
    return inLock("BEGIN DEFERRED", work);
  }

  private <T> T inLock(String begin, Work<T> work) {
    lock.lock();
    try {
      try (Statement statement = connection.createStatement()) {
        statement.execute(begin);
      }
      boolean committed = false;
      try {
        T result = work.run(connection);
        try (Statement statement = connection.createStatement()) {
          statement.execute("COMMIT");
        }
        committed = true;
        return result;
      } finally {
        if (!committed) {
          try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("database transaction failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void migrate(String component, List<String> migrations) {
    int applied =
        read(
            c -> {
              try (PreparedStatement statement =
                  c.prepareStatement(
                      "SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE component = ?")) {
                statement.setString(1, component);
                try (ResultSet rows = statement.executeQuery()) {
                  rows.next();
                  return rows.getInt(1);
                }
              }
            });
    for (int version = applied + 1; version <= migrations.size(); version++) {
      String sql = migrations.get(version - 1);
      int current = version;
      transaction(
          c -> {
            try (Statement statement = c.createStatement()) {
              for (String part : statements(sql)) {
                statement.execute(part);
              }
            }
            try (PreparedStatement statement =
                c.prepareStatement(
                    "INSERT INTO schema_migrations (component, version) VALUES (?, ?)")) {
              statement.setString(1, component);
              statement.setInt(2, current);
              statement.executeUpdate();
            }
            return null;
          });
    }
  }

  /**
   * Splits a migration into statements at semicolons outside quoted text ({@code '...'}, {@code
   * "..."}). Statements with nested semicolons, such as trigger bodies, are not supported.
   */
  static List<String> statements(String sql) {
    List<String> result = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == ';') {
        addStatement(result, current);
        continue;
      }
      current.append(ch);
    }
    addStatement(result, current);
    return result;
  }

  private static void addStatement(List<String> statements, StringBuilder text) {
    if (!text.toString().isBlank()) {
      statements.add(text.toString().strip());
    }
    text.setLength(0);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close database", e);
    } finally {
      lock.unlock();
    }
  }
}
