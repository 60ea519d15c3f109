package dev.gust.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.AwsException;
import dev.gust.core.Ownership;
import dev.gust.core.Scheduler;
import dev.gust.core.StateMachine;
import dev.gust.store.Database;
import dev.gust.store.Dialect;
import dev.gust.store.Documents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Messages that a component accepted and has not delivered yet, such as a bus's events on their way
 * to rule targets or a topic's notifications on their way to subscribers. A message is written in
 * the same transaction that accepts it, so an accepted message reaches its target at least once,
 * across restarts too; it is deleted once delivered, retried with exponential backoff on the
 * injected clock when delivery fails, and handed to its dead-letter queue, if it has one, in the
 * owner's {@link DeadLetterFormat} when its retries or its age run out.
 *
 * <p>Implementation notes: one drain at a time runs on the executor, reading up to {@value #BATCH}
 * due messages, delivering them in id order (so a FIFO topic's order holds while nothing fails) and
 * recording the whole batch's outcome in one transaction (group commit). {@link #wake} after a
 * commit starts a drain or makes the running one go round again; a timer on the scheduler wakes it
 * for the earliest retry. The sender runs outside any transaction. Only the node that owns the
 * outbox ({@link Ownership.Kind#OUTBOX}, by table) drains it; on the others {@link #wake} does
 * nothing and the messages wait in the table for their owner.
 */
public final class Outbox implements AutoCloseable {

  static final int BATCH = 100;

  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

  /**
   * How a message is retried: at most {@code maxRetries} times after the first attempt, never after
   * {@code maxAge} from acceptance, waiting {@code minBackoff} doubled per failure up to {@code
   * maxBackoff}.
   */
  public record Retry(int maxRetries, Duration maxAge, Duration minBackoff, Duration maxBackoff) {

    /** The wait after the {@code failures}-th failed attempt. */
    public Duration backoff(int failures) {
      long millis = minBackoff.toMillis();
      for (int i = 1; i < failures && millis < maxBackoff.toMillis(); i++) {
        millis *= 2;
      }
      return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
  }

  /**
   * A message to deliver, written by the accepting transaction.
   *
   * @param kind how the owner's {@link Sender} delivers it, such as {@code deliver} or {@code http}
   * @param target where it goes: an ARN or a URL
   * @param origin what it is delivered for, such as a rule or a subscription, for the dead-letter
   *     format and the log
   * @param deadLetter the ARN that gets the message when the outbox gives up on it
   */
  public record Pending(
      String kind,
      String target,
      String origin,
      Delivery.Message message,
      Retry retry,
      Optional<String> deadLetter) {}

  /** A stored message and the attempts it has failed so far. */
  public record Entry(
      long id,
      String kind,
      String target,
      String origin,
      Delivery.Message message,
      Optional<String> deadLetter,
      int failures) {}

  /** Delivers one message; throws to fail the attempt. */
  @FunctionalInterface
  public interface Sender {
    void send(Entry entry);
  }

  /**
   * Why the outbox gave up on a message.
   *
   * @param condition the limit that ran out: {@code MaximumRetryAttempts} or {@code
   *     MaximumEventAgeInSeconds}
   * @param error what the last attempt raised
   */
  public record Exhausted(String condition, RuntimeException error) {

    /** The last error's AWS error code, or {@code DeliveryFailed} if it had none. */
    public String errorCode() {
      return error instanceof AwsException aws ? aws.type().code() : "DeliveryFailed";
    }
  }

  /** What a dead-letter queue receives about a message the outbox gave up on. */
  @FunctionalInterface
  public interface DeadLetterFormat {

    /** The message as it was accepted. */
    DeadLetterFormat UNCHANGED = (entry, exhausted) -> entry.message();

    Delivery.Message format(Entry entry, Exhausted exhausted);
  }

  private record Row(Entry entry, Retry retry, long expiresMillis) {

    /** The stage a stored row waits in: never tried, or failed before. */
    Stage stage() {
      return entry.failures() == 0 ? Stage.PENDING : Stage.RETRYING;
    }
  }

  /**
   * A message's lifecycle in the outbox. Only the waiting stages are rows of the table: a drain
   * takes a due row {@code SENDING}; a delivered message's row is deleted, a failed one waits
   * {@code RETRYING} until its backoff ends, and one whose retries or age ran out is deleted and
   * handed to its dead-letter queue.
   */
  enum Stage {
    PENDING,
    RETRYING,
    SENDING,
    DELIVERED,
    DEAD_LETTERED;

    static final StateMachine<Stage> TRANSITIONS =
        StateMachine.declare("outbox message", Stage.class)
            .on("due", PENDING, SENDING)
            .on("due", RETRYING, SENDING)
            .on("delivered", SENDING, DELIVERED)
            .on("failed", SENDING, RETRYING)
            .on("exhausted", SENDING, DEAD_LETTERED)
            .build();
  }

  private final Database database;
  private final String table;
  private final Scheduler scheduler;
  private final Ownership ownership;
  private final Executor executor;
  private final Sender sender;
  private final Delivery delivery;
  private final DeadLetterFormat deadLetterFormat;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final Object timerLock = new Object();
  private volatile boolean closed;
  private Scheduler.Cancellable timer;
  private long timerDue = Long.MAX_VALUE;

  /**
   * Makes an outbox that delivers nothing until {@link #wake} is called.
   *
   * @param table the component's outbox table, made by {@link #schema}
   * @param ownership whether this node drains the table
   * @param executor runs deliveries in the background
   * @param sender delivers each message
   * @param delivery hands exhausted messages to their dead-letter queues
   * @param deadLetterFormat what a dead-letter queue receives
   */
  public Outbox(
      Database database,
      String table,
      Scheduler scheduler,
      Ownership ownership,
      Executor executor,
      Sender sender,
      Delivery delivery,
      DeadLetterFormat deadLetterFormat) {
    this.database = database;
    this.table = table;
    this.scheduler = scheduler;
    this.ownership = ownership;
    this.executor = executor;
    this.sender = sender;
    this.delivery = delivery;
    this.deadLetterFormat = deadLetterFormat;
  }

  /**
   * The migration that creates an outbox table. Its {@code id} is the dialect's identity key, so
   * that ordering by it is ordering by acceptance.
   */
  public static String schema(Dialect dialect, String table) {
    return "CREATE TABLE "
        + table
        + " (id "
        + dialect.identityKey()
        + ", kind TEXT NOT NULL, target TEXT NOT NULL,"
        + " origin TEXT NOT NULL, message TEXT NOT NULL, dead_letter TEXT,"
        + " max_retries INTEGER NOT NULL, expires_ms INTEGER NOT NULL,"
        + " backoff_min_ms INTEGER NOT NULL, backoff_max_ms INTEGER NOT NULL,"
        + " failures INTEGER NOT NULL, due_ms INTEGER NOT NULL);"
        + " CREATE INDEX "
        + table
        + "_due ON "
        + table
        + " (due_ms)";
  }

  /** Stores messages in the caller's transaction; call {@link #wake} once it has committed. */
  public void add(Connection c, List<Pending> pending) throws SQLException {
    long now = scheduler.clock().millis();
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " (kind, target, origin, message, dead_letter, max_retries, expires_ms,"
                + " backoff_min_ms, backoff_max_ms, failures, due_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
      for (Pending p : pending) {
        s.setString(1, p.kind());
        s.setString(2, p.target());
        s.setString(3, p.origin());
        s.setString(4, encode(p.message()));
        s.setString(5, p.deadLetter().orElse(null));
        s.setInt(6, p.retry().maxRetries());
        s.setLong(7, now + p.retry().maxAge().toMillis());
        s.setLong(8, p.retry().minBackoff().toMillis());
        s.setLong(9, p.retry().maxBackoff().toMillis());
        s.setLong(10, now);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Delivers whatever is due, now or soon, on the executor, if this node owns the outbox. */
  public void wake() {
    if (closed || !ownership.owns(Ownership.Kind.OUTBOX, table)) {
      return;
    }
    again.set(true);
    if (running.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  /** Messages not delivered yet, for tests and metrics. */
  public int pending() {
    return database.read(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table);
              ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getInt(1);
          }
        });
  }

  private void drain() {
    try {
      while (again.getAndSet(false) && !closed) {
        while (!closed && pass()) {
          // A full batch: there may be more due.
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "outbox " + table + " failed; retrying on the next wake", e);
    } finally {
      running.set(false);
    }
    if (again.get()) {
      wake();
    } else if (!closed) {
      scheduleNext();
    }
  }

  /** Delivers one batch of due messages; returns whether the batch was full. */
  private boolean pass() {
    long now = scheduler.clock().millis();
    List<Row> due = database.read(c -> due(c, now));
    if (due.isEmpty()) {
      return false;
    }
    List<Long> delivered = new ArrayList<>();
    Map<Row, RuntimeException> failed = new LinkedHashMap<>();
    for (Row row : due) {
      Stage.TRANSITIONS.move(row.stage(), Stage.SENDING);
      try {
        sender.send(row.entry());
        Stage.TRANSITIONS.move(Stage.SENDING, Stage.DELIVERED);
        delivered.add(row.entry().id());
      } catch (RuntimeException e) {
        failed.put(row, e);
      }
    }
    Map<Row, String> exhausted = new LinkedHashMap<>();
    database.transaction(
        c -> {
          try (PreparedStatement delete =
                  c.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
              PreparedStatement retry =
                  c.prepareStatement(
                      "UPDATE " + table + " SET failures = ?, due_ms = ? WHERE id = ?")) {
            for (long id : delivered) {
              delete.setLong(1, id);
              delete.addBatch();
            }
            for (Row row : failed.keySet()) {
              int failures = row.entry().failures() + 1;
              long next = now + row.retry().backoff(failures).toMillis();
              if (failures > row.retry().maxRetries()) {
                Stage.TRANSITIONS.move(Stage.SENDING, Stage.DEAD_LETTERED);
                exhausted.put(row, "MaximumRetryAttempts");
              } else if (next > row.expiresMillis()) {
                Stage.TRANSITIONS.move(Stage.SENDING, Stage.DEAD_LETTERED);
                exhausted.put(row, "MaximumEventAgeInSeconds");
              } else {
                Stage.TRANSITIONS.move(Stage.SENDING, Stage.RETRYING);
                retry.setInt(1, failures);
                retry.setLong(2, next);
                retry.setLong(3, row.entry().id());
                retry.addBatch();
                continue;
              }
              delete.setLong(1, row.entry().id());
              delete.addBatch();
            }
            delete.executeBatch();
            retry.executeBatch();
          }
          return null;
        });
    exhausted.forEach((row, condition) -> deadLetter(row, condition, failed.get(row)));
    return due.size() == BATCH;
  }

  private void deadLetter(Row row, String condition, RuntimeException error) {
    Entry entry = row.entry();
    LOG.log(
        Level.WARNING,
        "giving up delivery to {0} for {1} ({2}): {3}",
        new Object[] {entry.target(), entry.origin(), condition, error.getMessage()});
    if (entry.deadLetter().isEmpty()) {
      return;
    }
    try {
      delivery.deliver(
          entry.deadLetter().get(),
          deadLetterFormat.format(entry, new Exhausted(condition, error)));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "dead-letter queue "
              + entry.deadLetter().get()
              + " refused a message: "
              + e.getMessage());
    }
  }

  private void scheduleNext() {
    Optional<Long> next =
        database.read(
            c -> {
              try (PreparedStatement s = c.prepareStatement("SELECT MIN(due_ms) FROM " + table);
                  ResultSet rows = s.executeQuery()) {
                rows.next();
                long value = rows.getLong(1);
                return rows.wasNull() ? Optional.<Long>empty() : Optional.of(value);
              }
            });
    if (next.isEmpty()) {
      return;
    }
    synchronized (timerLock) {
      if (closed || next.get() >= timerDue) {
        return;
      }
      if (timer != null) {
        timer.cancel();
      }
      timerDue = next.get();
      long delay = Math.max(0, next.get() - scheduler.clock().millis());
      timer =
          scheduler.schedule(
              Duration.ofMillis(delay),
              () -> {
                synchronized (timerLock) {
                  timer = null;
                  timerDue = Long.MAX_VALUE;
                }
                wake();
              });
    }
  }

  private List<Row> due(Connection c, long now) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, kind, target, origin, message, dead_letter, failures, max_retries,"
                + " expires_ms, backoff_min_ms, backoff_max_ms FROM "
                + table
                + " WHERE due_ms <= ? ORDER BY id LIMIT "
                + BATCH)) {
      s.setLong(1, now);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Entry entry =
              new Entry(
                  r.getLong(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  decode(r.getString(5)),
                  Optional.ofNullable(r.getString(6)),
                  r.getInt(7));
          Retry retry =
              new Retry(
                  r.getInt(8),
                  Duration.ZERO,
                  Duration.ofMillis(r.getLong(10)),
                  Duration.ofMillis(r.getLong(11)));
          rows.add(new Row(entry, retry, r.getLong(9)));
        }
      }
    }
    return rows;
  }

  static String encode(Delivery.Message message) {
    ObjectNode node = Documents.object();
    node.put("body", message.body());
    ObjectNode attributes = node.putObject("attributes");
    message.attributes().forEach(attributes::put);
    message.source().ifPresent(v -> node.put("source", v));
    message.detailType().ifPresent(v -> node.put("detailType", v));
    return Documents.write(node);
  }

  static Delivery.Message decode(String text) {
    JsonNode node = Documents.tree(text);
    Map<String, String> attributes = new LinkedHashMap<>();
    node.path("attributes")
        .properties()
        .forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
    return new Delivery.Message(
        node.path("body").asText(),
        attributes,
        Optional.ofNullable(node.get("source")).map(JsonNode::asText),
        Optional.ofNullable(node.get("detailType")).map(JsonNode::asText));
  }

  @Override
  public void close() {
    closed = true;
    synchronized (timerLock) {
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
    }
  }
}
