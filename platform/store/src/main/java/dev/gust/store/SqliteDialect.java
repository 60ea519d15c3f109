package dev.gust.store;

/**
 * SQLite's dialect. {@code AUTOINCREMENT} keeps keys from being reused after the greatest is
 * deleted (plain {@code INTEGER PRIMARY KEY} would reuse it); {@code rowid} is the insertion order
 * of a table without an explicit key.
 */
final class SqliteDialect implements Dialect {

  static final SqliteDialect INSTANCE = new SqliteDialect();

  private SqliteDialect() {}

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public String identityKey() {
    return "INTEGER PRIMARY KEY AUTOINCREMENT";
  }

  @Override
  public String insertionOrder() {
    return "rowid";
  }

  @Override
  public String toString() {
    return name();
  }
}
