package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {

  private static final List<String> MIGRATIONS =
      List.of(
          "CREATE TABLE fn (name TEXT PRIMARY KEY)",
          "ALTER TABLE fn ADD COLUMN memory INTEGER NOT NULL DEFAULT 128;"
              + " INSERT INTO fn (name) VALUES ('seed')");

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("nested/gust.db");
  }

  private static List<String> rows(Database db, String sql) {
    return db.read(
        c -> {
          List<String> result = new ArrayList<>();
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
              result.add(rs.getString(1));
            }
          }
          return result;
        });
  }

  private static void insert(Database db, String name) {
    db.transaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("INSERT INTO fn (name) VALUES (?)")) {
            s.setString(1, name);
            return s.executeUpdate();
          }
        });
  }

  @Test
  void migrationsApplyOnceAndInOrder() {
    try (Database db = Database.sqlite(file())) {
      db.migrate("registry", MIGRATIONS);
      db.migrate("registry", MIGRATIONS);

      assertThat(rows(db, "SELECT name || ':' || memory FROM fn")).containsExactly("seed:128");
      assertThat(rows(db, "SELECT version FROM schema_migrations WHERE component = 'registry'"))
          .containsExactly("1", "2");
    }
  }

  @Test
  void migrationAppendedLaterIsAppliedOnReopen() {
    try (Database db = Database.sqlite(file())) {
      db.migrate("registry", MIGRATIONS);
    }
    List<String> more = new ArrayList<>(MIGRATIONS);
    more.add("INSERT INTO fn (name) VALUES ('third')");
    try (Database db = Database.sqlite(file())) {
      db.migrate("registry", more);

      assertThat(rows(db, "SELECT name FROM fn ORDER BY name")).containsExactly("seed", "third");
    }
  }

  @Test
  void componentsMigrateIndependently() {
    try (Database db = Database.sqlite(file())) {
      db.migrate("registry", MIGRATIONS);
      db.migrate("queues", List.of("CREATE TABLE queue (url TEXT)"));

      assertThat(rows(db, "SELECT component || version FROM schema_migrations ORDER BY 1"))
          .containsExactly("queues1", "registry1", "registry2");
    }
  }

  @Test
  void failedMigrationLeavesNoTraceAndCanBeRetried() {
    try (Database db = Database.sqlite(file())) {
      assertThatThrownBy(
              () -> db.migrate("registry", List.of("CREATE TABLE fn (name TEXT); BOGUS")))
          .isInstanceOf(StoreException.class);

      assertThat(rows(db, "SELECT name FROM sqlite_master WHERE name = 'fn'")).isEmpty();
      db.migrate("registry", MIGRATIONS);
      assertThat(rows(db, "SELECT name FROM fn")).containsExactly("seed");
    }
  }

  @Test
  void throwingWorkIsRolledBack() {
    try (Database db = Database.sqlite(file())) {
      db.migrate("registry", MIGRATIONS);

      assertThatThrownBy(
              () ->
                  db.transaction(
                      c -> {
                        try (Statement s = c.createStatement()) {
                          s.executeUpdate("INSERT INTO fn (name) VALUES ('doomed')");
                        }
                        throw new IllegalStateException("abort");
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("abort");

      assertThat(rows(db, "SELECT name FROM fn")).containsExactly("seed");
      insert(db, "after");
      assertThat(rows(db, "SELECT name FROM fn ORDER BY name")).containsExactly("after", "seed");
    }
  }

  @Test
  void committedDataSurvivesReopen() {
    try (Database db = Database.sqlite(file())) {
      db.migrate("registry", MIGRATIONS);
      insert(db, "durable");
    }
    try (Database db = Database.sqlite(file())) {
      assertThat(rows(db, "SELECT name FROM fn ORDER BY name")).containsExactly("durable", "seed");
    }
  }

  @Test
  void sqlErrorsSurfaceAsStoreExceptionAndRollBack() {
    try (Database db = Database.sqlite(file())) {
      db.migrate("registry", MIGRATIONS);

      assertThatThrownBy(
              () ->
                  db.transaction(
                      c -> {
                        try (Statement s = c.createStatement()) {
                          s.executeUpdate("INSERT INTO fn (name) VALUES ('half')");
                          s.executeUpdate("INSERT INTO fn (name) VALUES ('seed')");
                        }
                        return null;
                      }))
          .isInstanceOf(StoreException.class)
          .hasCauseInstanceOf(SQLException.class)
          .hasMessageContaining("UNIQUE");
      assertThatThrownBy(() -> rows(db, "SELECT * FROM missing_table"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("missing_table");

      assertThat(rows(db, "SELECT name FROM fn")).containsExactly("seed");
    }
  }

  @Test
  void migrationMayContainSemicolonInsideStringLiteral() {
    try (Database db = Database.sqlite(file())) {
      db.migrate("registry", List.of(MIGRATIONS.get(0), "INSERT INTO fn (name) VALUES ('a;b')"));

      assertThat(rows(db, "SELECT name FROM fn")).containsExactly("a;b");
    }
  }
}
