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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on every backend of the store contract suite. */
class GroupCommitTest {

  @TempDir Path dir;
  private Database database;
  private GroupCommit<Connection> commits;

  private void open(Databases.Backend backend) {
    database = backend.open(dir);
    database.migrate("test", List.of("CREATE TABLE items (id INTEGER PRIMARY KEY)"));
    commits = GroupCommit.plain(database, "test", 100);
  }

  @AfterEach
  void close() {
    if (commits != null) {
      commits.close();
      database.close();
    }
  }

  @StoreTest
  void everyWriteIsCommittedOnceItsFutureCompletes(Databases.Backend backend) {
    open(backend);
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      futures.add(commits.submit(insert(i)));
    }
    futures.forEach(CompletableFuture::join);
    assertThat(count()).isEqualTo(500);
  }

  @StoreTest
  void writesThatArriveWhileATransactionRunsShareTheNextOne(Databases.Backend backend)
      throws InterruptedException {
    open(backend);
    AtomicInteger transactions = new AtomicInteger();
    GroupCommit<Connection> counted =
        new GroupCommit<>(
            database,
            "counted",
            100,
            new GroupCommit.Session<>() {
              @Override
              public Connection open(Connection connection) {
                transactions.incrementAndGet();
                return connection;
              }

              @Override
              public void finish(Connection connection) {}
            });
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    try {
      futures.add(
          counted.submit(
              connection -> {
                running.countDown();
                awaitLatch(release);
                insert(0).apply(connection);
              }));
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i < 100; i++) {
        futures.add(counted.submit(insert(i)));
      }
      release.countDown();
      futures.forEach(CompletableFuture::join);
    } finally {
      counted.close();
    }
    assertThat(count()).isEqualTo(100);
    assertThat(transactions).hasValue(2); // the first write alone, then the 99 that waited
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @StoreTest
  void aFailingWriteFailsAloneAndTheRestOfItsBatchCommits(Databases.Backend backend) {
    open(backend);
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

  @StoreTest
  void stepsAfterTheCommitRunInSubmissionOrderOnceTheWriteIsDurable(Databases.Backend backend) {
    open(backend);
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

  @StoreTest
  void afterCloseWritesAreRefused(Databases.Backend backend) {
    open(backend);
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
