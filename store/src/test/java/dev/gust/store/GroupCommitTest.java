package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

  @TempDir Path dir;
  private Database database;
  private GroupCommit<Connection> commits;

  @BeforeEach
  void open() {
    database = Database.sqlite(dir.resolve("test.db"));
    database.migrate("test", List.of("CREATE TABLE items (id INTEGER PRIMARY KEY)"));
    commits = GroupCommit.plain(database, "test", 100);
  }

  @AfterEach
  void close() {
    commits.close();
    database.close();
  }

  @Test
  void writesFromManyThreadsAreAllCommittedOnceTheirFuturesComplete() {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      futures.add(commits.submit(insert(i)));
    }
    futures.forEach(CompletableFuture::join);
    assertThat(count()).isEqualTo(500);
  }

  @Test
  void aFailingWriteFailsAloneAndTheRestOfItsBatchCommits() {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      futures.add(commits.submit(insert(i % 25 == 7 && i > 7 ? 7 : i)));
    }
    long failed =
        futures.stream()
            .filter(
                f -> {
                  try {
                    f.join();
                    return false;
                  } catch (CompletionException e) {
                    return true;
                  }
                })
            .count();
    assertThat(failed).isEqualTo(1); // i = 32 repeats the id 7
    assertThat(count()).isEqualTo(49);
  }

  @Test
  void stepsAfterTheCommitRunInSubmissionOrderOnceTheWriteIsDurable() {
    List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int id = i;
      futures.add(commits.submit(insert(id), () -> seen.add(count() >= id + 1 ? id : -id)));
    }
    futures.forEach(CompletableFuture::join);
    assertThat(seen)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 200).boxed().toList());
  }

  @Test
  void afterCloseWritesAreRefused() {
    CompletableFuture<Void> before = commits.submit(insert(1));
    commits.close();
    before.join();
    assertThat(count()).isEqualTo(1);
    assertThatThrownBy(() -> commits.submit(insert(2)).join())
        .hasCauseInstanceOf(StoreException.class);
  }

  private static GroupCommit.Write<Connection> insert(int id) {
    return connection -> {
      try (PreparedStatement statement =
          connection.prepareStatement("INSERT INTO items (id) VALUES (?)")) {
        statement.setInt(1, id);
        statement.executeUpdate();
      }
    };
  }

  private int count() {
    return database.read(
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement("SELECT count(*) FROM items");
              ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
          }
        });
  }
}
