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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Database} backend promises: transactions that commit or roll back whole,
 * migrations applied once and in order, committed data that survives a reopen, concurrent writers
 * serialized, and the dialect's statements behaving as documented.
 */
class DatabaseContractTest {

  private static final List<String> MIGRATIONS =
      List.of(
          "CREATE TABLE fn (name TEXT PRIMARY KEY)",
          "ALTER TABLE fn ADD COLUMN memory INTEGER NOT NULL DEFAULT 128;"
              + " INSERT INTO fn (name) VALUES ('seed')");

  @TempDir Path dir;

  static List<String> rows(Database db, String sql) {
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

  @StoreTest
  void migrationsApplyOnceAndInOrder(Databases.Backend backend) {
    try (Database db = backend.open(dir)) {
      db.migrate("registry", MIGRATIONS);
      db.migrate("registry", MIGRATIONS);

      assertThat(rows(db, "SELECT name || ':' || memory FROM fn")).containsExactly("seed:128");
      assertThat(
              rows(
                  db,
                  "SELECT version FROM schema_migrations WHERE component = 'registry'"
                      + " ORDER BY version"))
          .containsExactly("1", "2");
    }
  }

  @StoreTest
  void migrationAppendedLaterIsAppliedOnReopen(Databases.Backend backend) {
    try (Database db = backend.open(dir)) {
      db.migrate("registry", MIGRATIONS);
    }
    List<String> more = new ArrayList<>(MIGRATIONS);
    more.add("INSERT INTO fn (name) VALUES ('third')");
    try (Database db = backend.open(dir)) {
      db.migrate("registry", more);

      assertThat(rows(db, "SELECT name FROM fn ORDER BY name")).containsExactly("seed", "third");
    }
  }

  @StoreTest
  void componentsMigrateIndependently(Databases.Backend backend) {
    try (Database db = backend.open(dir)) {
      db.migrate("registry", MIGRATIONS);
      db.migrate("queues", List.of("CREATE TABLE queue (url TEXT)"));

      assertThat(rows(db, "SELECT component || version FROM schema_migrations ORDER BY 1"))
          .containsExactly("queues1", "registry1", "registry2");
    }
  }

  @StoreTest
  void failedMigrationLeavesNoTraceAndCanBeRetried(Databases.Backend backend) {
    try (Database db = backend.open(dir)) {
      assertThatThrownBy(
              () -> db.migrate("registry", List.of("CREATE TABLE fn (name TEXT); BOGUS")))
          .isInstanceOf(StoreException.class);

      assertThat(rows(db, "SELECT version FROM schema_migrations")).isEmpty();
      db.migrate("registry", MIGRATIONS); // would fail if the first CREATE TABLE had stayed
      assertThat(rows(db, "SELECT name FROM fn")).containsExactly("seed");
    }
  }

  @StoreTest
  void throwingWorkIsRolledBack(Databases.Backend backend) {
    try (Database db = backend.open(dir)) {
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

  @StoreTest
  void committedWorkIsVisibleToLaterReads(Databases.Backend backend) {
    try (Database db = backend.open(dir)) {
      db.migrate("registry", MIGRATIONS);
      insert(db, "committed");

      assertThat(rows(db, "SELECT name FROM fn ORDER BY name"))
          .containsExactly("committed", "seed");
    }
  }

  @StoreTest
  void committedDataSurvivesReopen(Databases.Backend backend) {
    try (Database db = backend.open(dir)) {
      db.migrate("registry", MIGRATIONS);
      insert(db, "durable");
    }
    try (Database db = backend.open(dir)) {
      db.migrate("registry", MIGRATIONS);

      assertThat(rows(db, "SELECT name FROM fn ORDER BY name")).containsExactly("durable", "seed");
    }
  }

  @StoreTest
  void sqlErrorsSurfaceAsStoreExceptionAndRollBack(Databases.Backend backend) {
    try (Database db = backend.open(dir)) {
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
          .hasCauseInstanceOf(SQLException.class);
      assertThatThrownBy(() -> rows(db, "SELECT * FROM missing_table"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("missing_table");

      assertThat(rows(db, "SELECT name FROM fn")).containsExactly("seed");
    }
  }

  @StoreTest
  void concurrentWritersSerialize(Databases.Backend backend) throws Exception {
    int writers = 8;
    int increments = 50;
    try (Database db = backend.open(dir);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      db.migrate("counter", List.of("CREATE TABLE counter (n INTEGER NOT NULL)"));
      db.transaction(c -> c.createStatement().executeUpdate("INSERT INTO counter VALUES (0)"));
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < increments; i++) {
                    db.transaction(
                        c -> {
                          long n;
                          try (Statement s = c.createStatement();
                              ResultSet r = s.executeQuery("SELECT n FROM counter")) {
                            r.next();
                            n = r.getLong(1);
                          }
                          try (PreparedStatement s =
                              c.prepareStatement("UPDATE counter SET n = ?")) {
                            s.setLong(1, n + 1);
                            return s.executeUpdate();
                          }
                        });
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }

      assertThat(rows(db, "SELECT n FROM counter")).containsExactly("" + writers * increments);
    }
  }

  @StoreTest
  void upsertInsertsThenUpdatesInPlace(Databases.Backend backend) {
    String upsert = Dialect.upsert("docs", List.of("owner", "name"), List.of("body", "size"));
    try (Database db = backend.open(dir)) {
      db.migrate(
          "docs",
          List.of(
              "CREATE TABLE docs (owner TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL,"
                  + " size INTEGER NOT NULL, PRIMARY KEY (owner, name))"));
      for (String[] row :
          List.of(
              new String[] {"a", "x", "one"},
              new String[] {"a", "y", "two"},
              new String[] {"a", "x", "three"})) {
        db.transaction(
            c -> {
              try (PreparedStatement s = c.prepareStatement(upsert)) {
                s.setString(1, row[0]);
                s.setString(2, row[1]);
                s.setString(3, row[2]);
                s.setInt(4, row[2].length());
                return s.executeUpdate();
              }
            });
      }

      assertThat(rows(db, "SELECT name || '=' || body || '/' || size FROM docs ORDER BY name"))
          .containsExactly("x=three/5", "y=two/3");
    }
  }

  @StoreTest
  void identityKeysFollowInsertionAndAreNeverReused(Databases.Backend backend) {
    try (Database db = backend.open(dir)) {
      db.migrate(
          "log",
          List.of("CREATE TABLE log (id " + db.dialect().identityKey() + ", entry TEXT NOT NULL)"));
      for (String entry : List.of("c", "a", "b")) {
        appendLog(db, entry);
      }
      db.transaction(c -> c.createStatement().executeUpdate("DELETE FROM log WHERE entry = 'b'"));
      appendLog(db, "d");

      assertThat(rows(db, "SELECT entry FROM log ORDER BY id")).containsExactly("c", "a", "d");
      assertThat(rows(db, "SELECT id FROM log WHERE entry = 'd'")).containsExactly("4");
    }
  }

  private static void appendLog(Database db, String entry) {
    db.transaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("INSERT INTO log (entry) VALUES (?)")) {
            s.setString(1, entry);
            return s.executeUpdate();
          }
        });
  }
}
