package dev.gust.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: writes submitted by many threads at once share one transaction, and so one fsync,
 * instead of paying one each. {@link #submit} queues a write; a single writer thread takes every
 * write queued so far (up to {@code maxBatch}), applies them in one transaction, and once it has
 * committed runs their {@code committed} steps in submission order and completes their futures.
 * While it commits, the next batch gathers.
 *
 * <p>Writes apply to a session of type {@code S} that the transaction opens on its connection and
 * finishes before committing (for example a set of JDBC batches flushed at the end); {@link #plain}
 * writes to the connection itself.
 *
 * <p>A write that throws rolls the shared transaction back; the batch is then retried one write per
 * transaction, so that only the failing write's future fails.
 */
public final class GroupCommit<S> implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

  /** One change, applied inside the shared transaction. */
  @FunctionalInterface
  public interface Write<S> {
    void apply(S session) throws SQLException;
  }

  /** What a transaction writes through: opened on its connection, finished before the commit. */
  public interface Session<S> {
    S open(Connection connection) throws SQLException;

    void finish(S session) throws SQLException;
  }

  private record Pending<S>(Write<S> write, Runnable committed, CompletableFuture<Void> done) {}

  private final Database database;
  private final Session<S> session;
  private final int maxBatch;
  private final BlockingQueue<Pending<S>> queue = new LinkedBlockingQueue<>();
  private final Pending<S> stop = new Pending<>(s -> {}, () -> {}, new CompletableFuture<>());
  private final Thread writer;

  /**
   * Starts the writer thread.
   *
   * @param name names the writer thread ({@code gust-<name>-commit})
   */
  public GroupCommit(Database database, String name, int maxBatch, Session<S> session) {
    this.database = database;
    this.session = session;
    this.maxBatch = maxBatch;
    this.writer = Thread.ofPlatform().daemon().name("gust-" + name + "-commit").start(this::run);
  }

  /** A group commit whose writes go to the transaction's connection directly. */
  public static GroupCommit<Connection> plain(Database database, String name, int maxBatch) {
    return new GroupCommit<>(
        database,
        name,
        maxBatch,
        new Session<>() {
          @Override
          public Connection open(Connection connection) {
            return connection;
          }

          @Override
          public void finish(Connection connection) {}
        });
  }

  /**
   * Queues a write for the next transaction.
   *
   * @return completes once the write is committed durably, or exceptionally with the write's
   *     failure ({@link StoreException}) or when this group commit is closed first
   */
  public CompletableFuture<Void> submit(Write<S> write) {
    return submit(write, () -> {});
  }

  /**
   * Queues a write for the next transaction; once it is durable, {@code committed} runs on the
   * writer thread, in submission order, before the returned future completes.
   */
  public CompletableFuture<Void> submit(Write<S> write, Runnable committed) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!writer.isAlive()) {
      done.completeExceptionally(new StoreException("the store is closed", null));
      return done;
    }
    queue.add(new Pending<>(write, committed, done));
    return done;
  }

  private void run() {
    List<Pending<S>> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, maxBatch - 1);
      boolean stopping = batch.remove(stop);
      commit(batch);
      batch.clear();
      if (stopping) {
        List<Pending<S>> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.forEach(
            p -> p.done().completeExceptionally(new StoreException("the store is closed", null)));
        return;
      }
    }
  }

  private void commit(List<Pending<S>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      database.transaction(
          connection -> {
            S open = session.open(connection);
            for (Pending<S> pending : batch) {
              pending.write().apply(open);
            }
            session.finish(open);
            return null;
          });
    } catch (RuntimeException shared) {
      if (batch.size() == 1) {
        LOG.log(Level.FINE, "a write failed", shared);
        batch.getFirst().done().completeExceptionally(shared);
      } else {
        batch.forEach(pending -> commit(List.of(pending)));
      }
      return;
    }
    for (Pending<S> pending : batch) {
      try {
        pending.committed().run();
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "a step after a committed write failed", e);
      }
      pending.done().complete(null);
    }
  }

  /** Commits what was submitted before, then stops the writer; later submits fail. */
  @Override
  public void close() {
    queue.add(stop);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
