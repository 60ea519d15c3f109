package dev.gust.store;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SQL that differs between the backends a {@link Database} may run on: SQLite, embedded, and
 * PostgreSQL in cluster mode. Components write standard SQL everywhere else (standard types, {@code
 * ON CONFLICT} upserts built by {@link #upsert}, {@code RETURNING}, {@code LIMIT}) and take what
 * differs, in their migrations, from {@link Database#dialect()}.
 */
public interface Dialect {

  /** SQLite 3.35 or later, the embedded backend. */
  static Dialect sqlite() {
    return SqliteDialect.INSTANCE;
  }

  /** The backend's name, such as {@code sqlite}. */
  String name();

  /**
   * The column definition of a surrogate primary key the database assigns: increasing in insertion
   * order and never reused, even after the greatest key is deleted, so that ordering by it is
   * ordering by insertion.
   */
  String identityKey();

  /**
   * An expression numbering a table's existing rows in the order they were inserted, for the
   * migration step that gives an older table an explicit ordering column and fills it in. Only
   * migrations of tables that predate that column use it.
   */
  String insertionOrder();

  /**
   * An upsert in the form SQLite (3.24+) and PostgreSQL (9.5+) share: {@code INSERT INTO table
   * (keys..., others...) VALUES (?, ...) ON CONFLICT (keys...) DO UPDATE SET other =
   * excluded.other, ...}. Parameters are bound keys first, then the other columns, in the order
   * given. Unlike SQLite's {@code INSERT OR REPLACE}, a conflicting row is updated in place, not
   * deleted and inserted again.
   *
   * @param keyColumns the primary key or a unique constraint of {@code table}
   * @param otherColumns the columns an existing row takes from the new one; at least one
   */
  static String upsert(String table, List<String> keyColumns, List<String> otherColumns) {
    if (keyColumns.isEmpty() || otherColumns.isEmpty()) {
      throw new IllegalArgumentException("an upsert needs key columns and other columns");
    }
    List<String> columns = Stream.concat(keyColumns.stream(), otherColumns.stream()).toList();
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
        + ") ON CONFLICT ("
        + String.join(", ", keyColumns)
        + ") DO UPDATE SET "
        + otherColumns.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
  }
}
