package dev.gust.events;

import dev.gust.store.Database;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for the queues: every write goes through one thread that takes all writes pending at
 * that moment, applies them in one transaction (one fsync), then runs their publish steps in
 * submission order and completes their futures.
 *
 * <p>Implementation notes: callers submit while holding their queue's lock, so submission order is
 * the order in which the queues assigned sequence numbers, and publish steps (which take a queue's
 * lock) run in that order too. Callers must never wait for a future while holding a queue lock, as
 * the commit thread may need that lock to publish. When a group fails, each of its writes is
 * retried alone so that one bad write fails only its own caller.
 */
final class QueueCommits implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(QueueCommits.class.getName());

  /** The most writes one transaction takes. */
  private static final int MAX_GROUP = 4096;

  /** One change to the queue tables. */
  @FunctionalInterface
  interface Write {
    void apply(QueueStore store) throws SQLException;
  }

  private record Pending(Write write, Runnable publish, CompletableFuture<Void> done) {}

  private static final Pending STOP = new Pending(null, null, null);

  private final Database database;
  private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  QueueCommits(Database database) {
    this.database = database;
    this.thread = Thread.ofPlatform().daemon().name("gust-queue-commits").start(this::run);
  }

  /**
   * Queues {@code write}; once it is durable, runs {@code publish} on the commit thread and
   * completes the returned future.
   */
  CompletableFuture<Void> submit(Write write, Runnable publish) {
    if (closed) {
      throw new IllegalStateException("the queue store is closed");
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    pending.add(new Pending(write, publish, done));
    return done;
  }

  /** {@link #submit} without a publish step. */
  CompletableFuture<Void> submit(Write write) {
    return submit(write, () -> {});
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    while (true) {
      try {
        group.add(pending.take());
      } catch (InterruptedException e) {
        return;
      }
      pending.drainTo(group, MAX_GROUP - 1);
      boolean stop = group.remove(STOP);
      if (!group.isEmpty()) {
        commit(group);
      }
      group.clear();
      if (stop) {
        List<Pending> rest = new ArrayList<>();
        pending.drainTo(rest);
        rest.remove(STOP);
        if (!rest.isEmpty()) {
          commit(rest);
        }
        return;
      }
    }
  }

  private void commit(List<Pending> group) {
    try {
      database.transaction(
          c -> {
            QueueStore store = new QueueStore(c);
            for (Pending write : group) {
              write.write().apply(store);
            }
            store.flush();
            return null;
          });
    } catch (RuntimeException e) {
      if (group.size() > 1) {
        for (Pending write : group) {
          commit(List.of(write));
        }
      } else {
        LOG.log(Level.WARNING, "a queue write failed", e);
        group.getFirst().done().completeExceptionally(e);
      }
      return;
    }
    for (Pending write : group) {
      try {
        write.publish().run();
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "publishing a committed queue write failed", e);
      }
      write.done().complete(null);
    }
  }

  /** Commits what was submitted before, then stops the commit thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pending.add(STOP);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
