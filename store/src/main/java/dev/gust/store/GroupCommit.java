package dev.gust.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit: writes submitted by many threads at once share one transaction, and so one fsync,
 * instead of paying one each. {@link #submit} queues a write; a single writer thread takes every
 * write queued so far (up to {@code maxBatch}), runs them in one transaction and completes their
 * futures once it has committed. While it commits, the next batch gathers.
 *
 * <p>A write that throws rolls the shared transaction back; the batch is then retried one write per
 * transaction, so that only the failing write's future fails.
 */
public final class GroupCommit implements AutoCloseable {

  private record Pending(Database.Work<?> work, CompletableFuture<Void> done) {}

  private static final Pending STOP = new Pending(c -> null, new CompletableFuture<>());

  private final Database database;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;

  /**
   * Starts the writer thread.
   *
   * @param name names the writer thread ({@code gust-<name>-commit})
   */
  public GroupCommit(Database database, String name, int maxBatch) {
    this.database = database;
    this.maxBatch = maxBatch;
    this.writer = Thread.ofPlatform().daemon().name("gust-" + name + "-commit").start(this::run);
  }

  /**
   * Queues a write for the next transaction.
   *
   * @return completes once the write is committed durably, or exceptionally with the write's
   *     failure ({@link StoreException}) or when this group commit is closed first
   */
  public CompletableFuture<Void> submit(Database.Work<?> work) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!writer.isAlive()) {
      done.completeExceptionally(new StoreException("the store is closed", null));
      return done;
    }
    queue.add(new Pending(work, done));
    return done;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, maxBatch - 1);
      boolean stop = batch.remove(STOP);
      commit(batch);
      batch.clear();
      if (stop) {
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.forEach(
            p -> p.done().completeExceptionally(new StoreException("the store is closed", null)));
        return;
      }
    }
  }

  private void commit(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      database.transaction(
          connection -> {
            for (Pending pending : batch) {
              pending.work().run(connection);
            }
            return null;
          });
      batch.forEach(p -> p.done().complete(null));
    } catch (RuntimeException shared) {
      if (batch.size() == 1) {
        batch.getFirst().done().completeExceptionally(shared);
        return;
      }
      for (Pending pending : batch) {
        try {
          database.transaction(pending.work());
          pending.done().complete(null);
        } catch (RuntimeException e) {
          pending.done().completeExceptionally(e);
        }
      }
    }
  }

  /** Commits what was submitted before, then stops the writer; later submits fail. */
  @Override
  public void close() {
    queue.add(STOP);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
