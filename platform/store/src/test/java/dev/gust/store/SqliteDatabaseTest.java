package dev.gust.store;

import static dev.gust.store.DatabaseContractTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the SQLite backend does; what every backend does is in {@link DatabaseContractTest}.
 */
class SqliteDatabaseTest {

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("nested/gust.db");
  }

  @Test
  void createsItsFileInMissingDirectoriesReadableByTheOwnerOnly() throws Exception {
    try (Database db = Database.sqlite(file())) {
      assertThat(db.dialect()).isSameAs(Dialect.sqlite());
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
  }

  @Test
  void failedMigrationLeavesNoTableBehind() {
    try (Database db = Database.sqlite(file())) {
      assertThatThrownBy(
              () -> db.migrate("registry", List.of("CREATE TABLE fn (name TEXT); BOGUS")))
          .isInstanceOf(StoreException.class);

      assertThat(rows(db, "SELECT name FROM sqlite_master WHERE name = 'fn'")).isEmpty();
    }
  }

  @Test
  void migrationMayContainSemicolonInsideStringLiteral() {
    try (Database db = Database.sqlite(file())) {
      db.migrate(
          "registry",
          List.of(
              "CREATE TABLE fn (name TEXT PRIMARY KEY)", "INSERT INTO fn (name) VALUES ('a;b')"));

      assertThat(rows(db, "SELECT name FROM fn")).containsExactly("a;b");
    }
  }

  @Test
  void insertionOrderNumbersRowsWrittenBeforeAnOrderingColumnExisted() {
    try (Database db = Database.sqlite(file())) {
      db.migrate("subs", List.of("CREATE TABLE subs (arn TEXT PRIMARY KEY, body TEXT)"));
      for (String arn : List.of("c", "a", "b")) {
        db.transaction(
            c ->
                c.createStatement()
                    .executeUpdate("INSERT INTO subs (arn, body) VALUES ('" + arn + "', '')"));
      }
      db.transaction(
          c ->
              c.createStatement()
                  .executeUpdate("UPDATE subs SET body = 'changed' WHERE arn = 'c'"));

      db.migrate(
          "subs",
          List.of(
              "CREATE TABLE subs (arn TEXT PRIMARY KEY, body TEXT)",
              "ALTER TABLE subs ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;"
                  + " UPDATE subs SET seq = "
                  + db.dialect().insertionOrder()));

      assertThat(rows(db, "SELECT arn FROM subs ORDER BY seq")).containsExactly("c", "a", "b");
    }
  }

  @Test
  void statementsSplitAtSemicolonsOutsideQuotes() {
    assertThat(SqliteDatabase.statements("A 'x;y'; B \"p;q\";; C"))
        .containsExactly("A 'x;y'", "B \"p;q\"", "C");
  }
}
