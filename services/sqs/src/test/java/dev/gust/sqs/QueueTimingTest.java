package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.AwsException;
import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import dev.gust.core.TransitionCoverage;
import dev.gust.store.Database;
import dev.gust.testkit.Await;
import dev.gust.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timing rules of queues, driven by a fake clock: nothing here waits for real time. */
class QueueTimingTest {

  /** Together these tests move a message through every transition its lifecycle declares. */
  private static final TransitionCoverage<QueueMessage.State> COVERAGE =
      QueueMessage.State.TRANSITIONS.cover();

  @AfterAll
  static void everyDeclaredTransitionIsExercised() {
    COVERAGE.assertAllExercised();
  }

  private static final Scope SCOPE = Scope.defaultScope();
  private static final Duration NO_WAIT = Duration.ZERO;

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.at("2025-01-01T00:00:00Z");
  private Database database;
  private Queues queues;

  @BeforeEach
  void open() {
    database = Database.sqlite(dir.resolve("gust.db"));
    queues = Queues.open(database, clock, Ownership.everything(), "http://127.0.0.1:4566");
  }

  @AfterEach
  void close() {
    queues.close();
    database.close();
  }

  private void reopen() {
    close();
    open();
  }

  private Queue create(String name, Map<String, String> attributes) {
    return queues.create(SCOPE, name, attributes, Map.of());
  }

  private static void send(Queue queue, String body) {
    send(queue, body, Optional.empty(), Optional.empty());
  }

  private static void send(
      Queue queue, String body, Optional<String> group, Optional<String> dedup) {
    queue.send(
        List.of(
            QueueSends.validate(
                queue.attributes(),
                Optional.of(body),
                new TreeMap<>(),
                new TreeMap<>(),
                Optional.empty(),
                group,
                dedup,
                "sender")));
  }

  private static List<String> bodies(List<Queue.Received> received) {
    return received.stream().map(r -> r.content().body()).toList();
  }

  private static List<Queue.Received> receive(Queue queue, int max) {
    return queue.receive(max, queue.attributes().visibilityTimeout(), NO_WAIT);
  }

  @Test
  void aReceivedMessageComesBackWhenItsVisibilityTimeoutRunsOut() {
    Queue queue = create("work", Map.of("VisibilityTimeout", "30"));
    send(queue, "job");

    assertThat(bodies(receive(queue, 10))).containsExactly("job");
    assertThat(receive(queue, 10)).isEmpty();
    assertThat(queue.counts()).isEqualTo(new Queue.Counts(0, 1, 0));

    clock.advance(Duration.ofSeconds(29));
    assertThat(receive(queue, 10)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    List<Queue.Received> again = receive(queue, 10);
    assertThat(bodies(again)).containsExactly("job");
    assertThat(again.getFirst().receiveCount()).isEqualTo(2);
  }

  @Test
  void changingVisibilityToZeroReleasesTheMessageAtOnce() {
    Queue queue = create("work", Map.of());
    send(queue, "job");
    Queue.Received received = receive(queue, 1).getFirst();

    List<Optional<AwsException>> result =
        queue.changeVisibility(
            List.of(QueueReceipts.parse(received.receiptHandle(), queue.id)),
            List.of(Duration.ZERO));

    assertThat(result).containsExactly(Optional.empty());
    assertThat(bodies(receive(queue, 1))).containsExactly("job");
  }

  @Test
  void aStaleReceiptDeletesNothing() {
    Queue queue = create("work", Map.of("VisibilityTimeout", "5"));
    send(queue, "job");
    String first = receive(queue, 1).getFirst().receiptHandle();
    clock.advance(Duration.ofSeconds(5));
    String second = receive(queue, 1).getFirst().receiptHandle();

    queue.delete(List.of(QueueReceipts.parse(first, queue.id)));
    assertThat(queue.counts().inFlight()).isEqualTo(1);
    queue.delete(List.of(QueueReceipts.parse(second, queue.id)));
    assertThat(queue.counts()).isEqualTo(new Queue.Counts(0, 0, 0));
  }

  @Test
  void delayedMessagesAppearWhenTheirDelayEnds() {
    Queue queue = create("later", Map.of("DelaySeconds", "10"));
    send(queue, "soon");

    assertThat(queue.counts()).isEqualTo(new Queue.Counts(0, 0, 1));
    assertThat(receive(queue, 1)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(queue.counts()).isEqualTo(new Queue.Counts(1, 0, 0));
    assertThat(bodies(receive(queue, 1))).containsExactly("soon");
  }

  @Test
  void aLongPollEndsAtItsDeadlineOnTheSchedulersClock() throws Exception {
    Queue queue = create("idle", Map.of());
    CompletableFuture<List<Queue.Received>> poll =
        CompletableFuture.supplyAsync(
            () -> queue.receive(1, Duration.ofSeconds(30), Duration.ofSeconds(20)));
    Await.until("the poll waits", () -> clock.pendingTasks() == 1);
    assertThat(poll).isNotDone();

    clock.advance(Duration.ofSeconds(20));

    assertThat(poll.get()).isEmpty();
  }

  @Test
  void aLongPollIsAnsweredByASend() throws Exception {
    Queue queue = create("idle", Map.of());
    CompletableFuture<List<Queue.Received>> poll =
        CompletableFuture.supplyAsync(
            () -> queue.receive(1, Duration.ofSeconds(30), Duration.ofSeconds(20)));
    Await.until("the poll waits", () -> clock.pendingTasks() == 1);

    send(queue, "wake up");

    assertThat(bodies(poll.get())).containsExactly("wake up");
  }

  @Test
  void aLongPollIsAnsweredWhenADelayedMessageBecomesVisible() throws Exception {
    Queue queue = create("idle", Map.of("DelaySeconds", "5"));
    send(queue, "delayed");
    CompletableFuture<List<Queue.Received>> poll =
        CompletableFuture.supplyAsync(
            () -> queue.receive(1, Duration.ofSeconds(30), Duration.ofSeconds(20)));
    Await.until("the poll waits", () -> clock.pendingTasks() == 2);

    clock.advance(Duration.ofSeconds(5));

    assertThat(bodies(poll.get())).containsExactly("delayed");
  }

  @Test
  void messagesOlderThanTheRetentionPeriodDisappear() {
    Queue queue = create("short", Map.of("MessageRetentionPeriod", "60"));
    send(queue, "old");
    clock.advance(Duration.ofSeconds(30));
    send(queue, "new");

    clock.advance(Duration.ofSeconds(30));

    assertThat(queue.counts().visible()).isEqualTo(1);
    assertThat(bodies(receive(queue, 10))).containsExactly("new");
  }

  @Test
  void fifoDeduplicationLastsFiveMinutes() {
    Queue queue = create("orders.fifo", Map.of("FifoQueue", "true"));
    send(queue, "a", Optional.of("g"), Optional.of("d1"));
    send(queue, "a again", Optional.of("g"), Optional.of("d1"));
    assertThat(queue.counts().visible()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(5));
    send(queue, "a after the window", Optional.of("g"), Optional.of("d1"));

    assertThat(queue.counts().visible()).isEqualTo(2);
  }

  @Test
  void contentBasedDeduplicationUsesTheBody() {
    Queue queue =
        create("orders.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
    send(queue, "same", Optional.of("g"), Optional.empty());
    send(queue, "same", Optional.of("g"), Optional.empty());
    send(queue, "other", Optional.of("g"), Optional.empty());

    assertThat(queue.counts().visible()).isEqualTo(2);
  }

  @Test
  void aFifoGroupIsBlockedWhileItHasAMessageInFlight() {
    Queue queue = create("orders.fifo", Map.of("FifoQueue", "true"));
    send(queue, "a1", Optional.of("a"), Optional.of("1"));
    send(queue, "a2", Optional.of("a"), Optional.of("2"));
    send(queue, "b1", Optional.of("b"), Optional.of("3"));

    List<Queue.Received> first = receive(queue, 1);
    assertThat(bodies(first)).containsExactly("a1");
    assertThat(bodies(receive(queue, 10))).containsExactly("b1");
    assertThat(receive(queue, 10)).isEmpty();

    queue.delete(List.of(QueueReceipts.parse(first.getFirst().receiptHandle(), queue.id)));
    assertThat(bodies(receive(queue, 10))).containsExactly("a2");
  }

  @Test
  void aFifoMessageWhoseVisibilityRunsOutIsReceivedAgainBeforeTheRestOfItsGroup() {
    Queue queue = create("orders.fifo", Map.of("FifoQueue", "true", "VisibilityTimeout", "10"));
    send(queue, "a1", Optional.of("a"), Optional.of("1"));
    send(queue, "a2", Optional.of("a"), Optional.of("2"));
    assertThat(bodies(receive(queue, 1))).containsExactly("a1");

    clock.advance(Duration.ofSeconds(10));

    assertThat(bodies(receive(queue, 10))).containsExactly("a1", "a2");
  }

  @Test
  void aMessageReceivedTooOftenMovesToTheDeadLetterQueue() {
    Queue dead = create("dead", Map.of());
    Queue queue =
        create(
            "work",
            Map.of(
                "VisibilityTimeout",
                "10",
                "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dead.arn + "\",\"maxReceiveCount\":2}"));
    send(queue, "poison");

    assertThat(receive(queue, 1)).hasSize(1);
    clock.advance(Duration.ofSeconds(10));
    assertThat(receive(queue, 1)).hasSize(1);
    clock.advance(Duration.ofSeconds(10));
    assertThat(receive(queue, 1)).isEmpty();

    Await.until("the message reaches the dead-letter queue", () -> dead.counts().visible() == 1);
    Queue.Received moved = receive(dead, 1).getFirst();
    assertThat(moved.content().body()).isEqualTo("poison");
    assertThat(moved.content().deadLetterSourceArn()).contains(queue.arn);
    assertThat(queue.counts()).isEqualTo(new Queue.Counts(0, 0, 0));
  }

  @Test
  void withoutARedrivePolicyInFlightMessagesAreVisibleAgainAfterAReopen() {
    Queue queue = create("plain", Map.of("VisibilityTimeout", "300"));
    send(queue, "in flight at the restart");
    assertThat(receive(queue, 1)).hasSize(1);

    reopen();

    Queue reopened = queues.find(SCOPE, "plain").orElseThrow();
    assertThat(bodies(receive(reopened, 1))).containsExactly("in flight at the restart");
  }

  @Test
  void aSecondPurgeWithinAMinuteIsRefused() {
    Queue queue = create("work", Map.of());
    send(queue, "x");
    queue.purge();
    assertThat(queue.counts().visible()).isZero();

    assertThatThrownBy(queue::purge)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> assertThat(e.type()).isEqualTo(SqsErrors.PURGE_QUEUE_IN_PROGRESS));
    clock.advance(Duration.ofSeconds(60));
    queue.purge();
  }

  @Test
  void aDeletedQueuesNameIsFreeAgainAfterAMinute() {
    Queue queue = create("again", Map.of());
    queues.delete(queue);

    assertThatThrownBy(() -> create("again", Map.of()))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> assertThat(e.type()).isEqualTo(SqsErrors.QUEUE_DELETED_RECENTLY));
    clock.advance(Duration.ofSeconds(60));
    assertThat(create("again", Map.of()).name).isEqualTo("again");
  }

  @Test
  void queuesMessagesAndInFlightStateSurviveAReopen() {
    Queue dead = create("durable-dlq", Map.of());
    Queue queue =
        create(
            "durable",
            Map.of(
                "VisibilityTimeout",
                "30",
                "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dead.arn + "\",\"maxReceiveCount\":5}"));
    queue.update(settings -> settings.withTags(Map.of("team", "a")));
    send(queue, "kept in flight");
    send(queue, "kept visible");
    Queue.Received inFlight = receive(queue, 1).getFirst();
    Queue fifo = create("durable.fifo", Map.of("FifoQueue", "true"));
    send(fifo, "f", Optional.of("g"), Optional.of("d"));

    reopen();

    Queue reopened = queues.find(SCOPE, "durable").orElseThrow();
    assertThat(reopened.settings().tags()).containsEntry("team", "a");
    assertThat(reopened.counts()).isEqualTo(new Queue.Counts(1, 1, 0));
    assertThat(bodies(receive(reopened, 10))).containsExactly("kept visible");
    // The handle from before the reopen still deletes: the receive count it names was stored.
    reopened.delete(List.of(QueueReceipts.parse(inFlight.receiptHandle(), reopened.id)));
    assertThat(reopened.counts())
        .as("only the message received after the reopen is in flight")
        .isEqualTo(new Queue.Counts(0, 1, 0));

    Queue reopenedFifo = queues.find(SCOPE, "durable.fifo").orElseThrow();
    send(reopenedFifo, "f again", Optional.of("g"), Optional.of("d"));
    assertThat(reopenedFifo.counts().visible()).as("deduplicated across the reopen").isEqualTo(1);
  }
}
