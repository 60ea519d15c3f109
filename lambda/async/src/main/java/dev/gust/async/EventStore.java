package dev.gust.async;

import dev.gust.core.Scope;
import dev.gust.store.Database;
import dev.gust.store.Dialect;
import dev.gust.store.GroupCommit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable event queue: every accepted event is a row until its processing ends. Writes go
 * through a {@link GroupCommit}, so that many events accepted at once share one fsync.
 */
final class EventStore implements AutoCloseable {

  static final List<String> MIGRATIONS =
      List.of(
          """
          CREATE TABLE async_events (
            request_id TEXT PRIMARY KEY,
            account TEXT NOT NULL,
            region TEXT NOT NULL,
            function_name TEXT NOT NULL,
            qualifier TEXT,
            payload BLOB NOT NULL,
            received_ms INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            due_ms INTEGER NOT NULL,
            lineage INTEGER NOT NULL)
          """);

  private static final int MAX_BATCH = 2_000;

  private static final String PUT =
      Dialect.upsert(
          "async_events",
          List.of("request_id"),
          List.of(
              "account",
              "region",
              "function_name",
              "qualifier",
              "payload",
              "received_ms",
              "attempts",
              "due_ms",
              "lineage"));

  private final Database database;
  private final GroupCommit<Connection> commits;

  EventStore(Database database) {
    this.database = database;
    database.migrate("async", MIGRATIONS);
    this.commits = GroupCommit.plain(database, "async", MAX_BATCH);
  }

  /** Stores the event, or its new state; completes once it is on disk. */
  CompletableFuture<Void> put(AsyncEvent event) {
    return commits.submit(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(PUT)) {
            statement.setString(1, event.requestId());
            statement.setString(2, event.scope().account());
            statement.setString(3, event.scope().region());
            statement.setString(4, event.functionName());
            statement.setString(5, event.qualifier().orElse(null));
            statement.setBytes(6, event.payload());
            statement.setLong(7, event.received().toEpochMilli());
            statement.setInt(8, event.attempts());
            statement.setLong(9, event.due().toEpochMilli());
            statement.setInt(10, event.lineage());
            statement.executeUpdate();
          }
        });
  }

  /** Forgets an event whose processing has ended. */
  CompletableFuture<Void> remove(String requestId) {
    return commits.submit(
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement("DELETE FROM async_events WHERE request_id = ?")) {
            statement.setString(1, requestId);
            statement.executeUpdate();
          }
        });
  }

  /** Every stored event, oldest first: what a restart resumes. */
  List<AsyncEvent> all() {
    return database.read(
        connection -> {
          List<AsyncEvent> events = new ArrayList<>();
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT request_id, account, region, function_name, qualifier, payload,"
                          + " received_ms, attempts, due_ms, lineage FROM async_events"
                          + " ORDER BY received_ms");
              ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              events.add(
                  new AsyncEvent(
                      rows.getString(1),
                      new Scope(rows.getString(2), rows.getString(3)),
                      rows.getString(4),
                      Optional.ofNullable(rows.getString(5)),
                      rows.getBytes(6),
                      Instant.ofEpochMilli(rows.getLong(7)),
                      rows.getInt(8),
                      Instant.ofEpochMilli(rows.getLong(9)),
                      rows.getInt(10)));
            }
          }
          return events;
        });
  }

  @Override
  public void close() {
    commits.close();
  }
}
