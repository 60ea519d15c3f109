package dev.gust.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A transactional SQL store shared by the components of one Gust node. Work runs inside a
 * transaction that commits durably when the work returns and rolls back when it throws.
 */
public interface Database extends AutoCloseable {

  /** Opens (creating if needed) the embedded SQLite database at the given file. */
  static Database sqlite(Path file) {
    return SqliteDatabase.open(file);
  }

  /** The SQL this database speaks where backends differ, for migrations. */
  Dialect dialect();

  /** Runs work in a read-write transaction; returns once the commit is on disk. */
  <T> T transaction(Work<T> work);

  /** Runs read-only work against a consistent snapshot. */
  <T> T read(Work<T> work);

  /**
   * Brings a component's schema up to date: applies, in order and each in its own transaction, the
   * statements of {@code migrations} that were not applied before. A migration's index is its
   * version; released migrations are never edited, only appended to.
   */
  void migrate(String component, List<String> migrations);

  @Override
  void close();

  /** Work against a JDBC connection; SQL failures are wrapped in {@link StoreException}. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
