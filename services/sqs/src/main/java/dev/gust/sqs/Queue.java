package dev.gust.sqs;

import dev.gust.core.AwsException;
import dev.gust.core.Scheduler;
import dev.gust.core.Scope;
import dev.gust.sqs.QueueMessage.State;
import dev.gust.sqs.QueueStore.QueueRow;
import dev.gust.store.GroupCommit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * One queue: its settings and the in-memory index of its messages, whose durable copy the queues'
 * {@link GroupCommit} keeps in the store.
 *
 * <p>Implementation notes: everything here is guarded by {@link #lock}. Messages become visible to
 * receivers only once their insert is committed ({@link #publish} runs on the commit thread), so an
 * acknowledged send is on disk and an unacknowledged one is never received. Time is read from the
 * scheduler's clock; one timer per queue, set for the earliest hidden message, makes delayed and
 * in-flight messages visible and wakes long polls, which wait on {@link #arrived} with their own
 * deadline timer: no thread polls. New messages wake one waiter, which wakes the next if it left
 * messages behind, so that a send does not stampede every long poll. Index changes are applied here
 * first and written behind (receives) or waited for outside the lock (deletes, visibility changes,
 * sends).
 */
final class Queue {

  /** The longest a message may stay in flight from the receive that returned it: 12 hours. */
  static final long MAX_VISIBILITY_MILLIS = 43_200_000L;

  /** A message the queue handed to a receiver, with the lifecycle values of that receive. */
  record Received(
      QueueMessage.Content content, String receiptHandle, int receiveCount, long first) {}

  /** What a send returns for one accepted message. */
  record Sent(QueueMessage.Content content) {}

  /** The counters of GetQueueAttributes. */
  record Counts(int visible, int inFlight, int delayed) {}

  final long id;
  final String account;
  final String region;
  final String name;
  final String arn;
  final boolean fifo;
  private final Scheduler scheduler;
  private final GroupCommit<QueueStore> commits;
  private final Queues owner;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();

  private volatile QueueSettings settings;
  private boolean deleted;
  private boolean closing;
  private long lastPurge = Long.MIN_VALUE;

  private final QueueIndex index;
  private final QueueDeduplication deduplication = new QueueDeduplication();
  private Scheduler.Cancellable timer;
  private long timerDue = Long.MAX_VALUE;

  Queue(QueueRow row, Scheduler scheduler, GroupCommit<QueueStore> commits, Queues owner) {
    this.id = row.id();
    this.account = row.account();
    this.region = row.region();
    this.name = row.name();
    this.arn = new Scope(account, region).arn("sqs", name).toString();
    this.settings = QueueSettings.of(row);
    this.fifo = settings.attributes().fifo();
    this.index = new QueueIndex(fifo);
    this.scheduler = scheduler;
    this.commits = commits;
    this.owner = owner;
  }

  private long now() {
    return scheduler.clock().millis();
  }

  // ---- settings -------------------------------------------------------------------------------

  QueueSettings settings() {
    return settings;
  }

  QueueAttributes attributes() {
    return settings.attributes();
  }

  /** Applies a change to the settings and waits until it is stored. */
  void update(UnaryOperator<QueueSettings> change) {
    CompletableFuture<Void> stored;
    lock.lock();
    try {
      checkExists();
      QueueSettings next = change.apply(settings).modifiedAt(now());
      settings = next;
      QueueRow row = next.row(id, account, region, name);
      stored = commits.submit(store -> store.putQueue(row));
    } finally {
      lock.unlock();
    }
    await(stored);
  }

  // ---- sending --------------------------------------------------------------------------------

  /**
   * Accepts validated messages (one batch) and returns once they are durable. A FIFO message whose
   * deduplication id was seen in the last five minutes is not stored again: its first send's result
   * is returned.
   */
  List<Sent> send(List<QueueSends.Outgoing> batch) {
    List<Sent> results = new ArrayList<>();
    List<QueueMessage> stored = new ArrayList<>();
    List<String> dedupKeys = new ArrayList<>();
    CompletableFuture<Void> committed = null;
    lock.lock();
    try {
      checkExists();
      long now = now();
      for (QueueSends.Outgoing outgoing : batch) {
        Optional<String> key = outgoing.deduplicationKey(attributes());
        Optional<QueueMessage.Content> seen = key.flatMap(k -> deduplication.find(k, now));
        if (seen.isPresent()) {
          results.add(new Sent(seen.get()));
          continue;
        }
        long seq = owner.nextSeq();
        QueueMessage.Content content = outgoing.content(seq, now, fifo, attributes());
        long delay = outgoing.delay().orElse(attributes().delay()).toMillis();
        QueueMessage message = new QueueMessage(seq, content, now + delay, 0, 0);
        stored.add(message);
        results.add(new Sent(content));
        key.ifPresent(
            k -> {
              deduplication.remember(k, content);
              dedupKeys.add(k);
            });
      }
      if (!stored.isEmpty()) {
        List<QueueMessage> rows = List.copyOf(stored);
        committed =
            commits.submit(
                store -> {
                  for (QueueMessage message : rows) {
                    store.insert(id, message);
                  }
                },
                () -> publish(rows));
      }
    } finally {
      lock.unlock();
    }
    if (committed != null) {
      try {
        await(committed);
      } catch (RuntimeException e) {
        lock.lock();
        try {
          dedupKeys.forEach(deduplication::forget);
        } finally {
          lock.unlock();
        }
        throw e;
      }
    }
    return results;
  }

  /** Makes committed messages receivable; runs on the commit thread. */
  void publish(List<QueueMessage> committed) {
    lock.lock();
    try {
      if (deleted) {
        return;
      }
      long now = now();
      boolean any = false;
      for (QueueMessage message : committed) {
        add(message, now);
        any |= message.state == State.VISIBLE;
      }
      if (any) {
        arrived.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Adds a message loaded from the store at start. */
  void load(QueueMessage message) {
    lock.lock();
    try {
      add(message, now());
      QueueMessage.Content content = message.content;
      content
          .deduplicationId()
          .filter(d -> fifo)
          .ifPresent(
              d ->
                  deduplication.remember(
                      QueueDeduplication.key(attributes(), content.groupId(), d), content));
    } finally {
      lock.unlock();
    }
  }

  private void add(QueueMessage message, long now) {
    index.add(message, now);
    if (message.state != State.VISIBLE) {
      ensureTimer(message.visibleAt, now);
    }
  }

  // ---- receiving ------------------------------------------------------------------------------

  /**
   * Receives up to {@code max} messages, making them in flight for {@code visibility}; when none is
   * ready, waits up to {@code wait} for one to arrive.
   */
  List<Received> receive(int max, Duration visibility, Duration wait) {
    boolean[] expired = {wait.isZero()};
    Scheduler.Cancellable deadline = null;
    lock.lock();
    try {
      while (true) {
        checkExists();
        if (closing) {
          return List.of();
        }
        long now = now();
        promote(now);
        List<Received> taken = take(max, visibility.toMillis(), now);
        if (!taken.isEmpty() && index.visibleCount() > 0) {
          arrived.signal();
        }
        if (!taken.isEmpty() || expired[0]) {
          return taken;
        }
        if (deadline == null) {
          deadline = scheduler.schedule(wait, () -> wake(expired));
        }
        arrived.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
      if (deadline != null) {
        deadline.cancel();
      }
    }
  }

  private void wake(boolean[] expired) {
    lock.lock();
    try {
      expired[0] = true;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes up to {@code max} messages in flight. Their receive counts and visibility are written
   * behind, in one write, and only on queues with a redrive policy, where the count decides where a
   * message goes; elsewhere a restart makes in-flight messages visible again at once, which
   * at-least-once delivery allows.
   */
  private List<Received> take(int max, long visibilityMillis, long now) {
    List<Received> taken = new ArrayList<>();
    List<long[]> receipts = new ArrayList<>();
    while (taken.size() < max) {
      List<QueueMessage> candidates = index.receivable(max - taken.size());
      if (candidates.isEmpty()) {
        break;
      }
      int before = taken.size();
      for (QueueMessage message : candidates) {
        deliverOrMove(message, visibilityMillis, now, taken, receipts);
      }
      if (taken.size() - before == candidates.size()) {
        break;
      }
    }
    if (!receipts.isEmpty() && attributes().redrive().isPresent()) {
      commits.submit(
          store -> {
            for (long[] r : receipts) {
              store.updateReceipt(r[0], (int) r[1], r[2], r[3]);
            }
          });
    }
    return taken;
  }

  private void deliverOrMove(
      QueueMessage message,
      long visibilityMillis,
      long now,
      List<Received> taken,
      List<long[]> receipts) {
    if (expired(message, now)) {
      index.remove(message);
      commits.submit(store -> store.delete(message.seq));
      return;
    }
    Optional<QueueAttributes.Redrive> redrive = attributes().redrive();
    if (redrive.isPresent() && message.receiveCount >= redrive.get().maxReceiveCount()) {
      Optional<Queue> target = owner.byArn(redrive.get().deadLetterTargetArn());
      if (target.isPresent() && target.get() != this) {
        index.remove(message);
        target.get().acceptDeadLetter(message, this, now);
        return;
      }
    }
    message.receiveCount++;
    if (message.firstReceiveMillis == 0) {
      message.firstReceiveMillis = now;
    }
    message.lastReceiveMillis = now;
    index.takeInFlight(message, now + visibilityMillis);
    ensureTimer(message.visibleAt, now);
    int count = message.receiveCount;
    long first = message.firstReceiveMillis;
    receipts.add(new long[] {message.seq, count, first, message.visibleAt});
    taken.add(
        new Received(message.content, QueueReceipts.encode(id, message.seq, count), count, first));
  }

  /** Moves a message that was received too often here; called under the source queue's lock. */
  private void acceptDeadLetter(QueueMessage message, Queue source, long now) {
    long seq = owner.nextSeq();
    QueueMessage.Content c = message.content;
    QueueMessage moved = new QueueMessage(seq, c.movedFrom(source.arn), now, 0, 0);
    commits.submit(
        store -> {
          store.delete(message.seq);
          store.insert(id, moved);
        },
        () -> publish(List.of(moved)));
  }

  private boolean expired(QueueMessage message, long now) {
    return message.content.sentMillis() + attributes().retention().toMillis() <= now;
  }

  /** Makes hidden messages whose time has come visible and drops expired ones. */
  private void promote(long now) {
    index.promote(now);
    for (QueueMessage oldest = index.oldest();
        oldest != null && expired(oldest, now);
        oldest = index.oldest()) {
      QueueMessage message = oldest;
      index.remove(message);
      commits.submit(store -> store.delete(message.seq));
    }
  }

  private void ensureTimer(long due, long now) {
    if (due >= timerDue) {
      return;
    }
    if (timer != null) {
      timer.cancel();
    }
    timerDue = due;
    timer = scheduler.schedule(Duration.ofMillis(Math.max(0, due - now)), this::onTimer);
  }

  private void onTimer() {
    lock.lock();
    try {
      timer = null;
      timerDue = Long.MAX_VALUE;
      if (deleted || closing) {
        return;
      }
      long now = now();
      promote(now);
      if (index.visibleCount() > 0) {
        arrived.signal();
      }
      index.nextDue().ifPresent(due -> ensureTimer(due, now));
    } finally {
      lock.unlock();
    }
  }

  // ---- deleting and changing visibility -------------------------------------------------------

  /**
   * Deletes the messages of the given receipts (all of this queue) and waits until the deletes are
   * durable. A receipt of an earlier receive, or of a message already gone, deletes nothing, as on
   * AWS.
   */
  void delete(List<QueueReceipts.Receipt> receipts) {
    List<Long> gone = new ArrayList<>();
    CompletableFuture<Void> stored = null;
    lock.lock();
    try {
      checkExists();
      boolean unblocked = false;
      for (QueueReceipts.Receipt receipt : receipts) {
        QueueMessage message = index.get(receipt.seq());
        if (message == null || message.receiveCount != receipt.receiveCount()) {
          continue;
        }
        unblocked |= index.remove(message);
        gone.add(message.seq);
      }
      if (unblocked) {
        arrived.signal();
      }
      if (!gone.isEmpty()) {
        stored =
            commits.submit(
                store -> {
                  for (long seq : gone) {
                    store.delete(seq);
                  }
                });
      }
    } finally {
      lock.unlock();
    }
    if (stored != null) {
      await(stored);
    }
  }

  /**
   * Sets the visibility timeout of in-flight messages, counted from now; {@code results} receives
   * the error of each receipt that failed, or empty.
   */
  List<Optional<AwsException>> changeVisibility(
      List<QueueReceipts.Receipt> receipts, List<Duration> timeouts) {
    List<Optional<AwsException>> results = new ArrayList<>();
    List<CompletableFuture<Void>> stored = new ArrayList<>();
    lock.lock();
    try {
      checkExists();
      long now = now();
      promote(now);
      boolean visibleNow = false;
      for (int i = 0; i < receipts.size(); i++) {
        QueueReceipts.Receipt receipt = receipts.get(i);
        long timeout = timeouts.get(i).toMillis();
        QueueMessage message = index.get(receipt.seq());
        if (message == null) {
          results.add(
              Optional.of(
                  SqsErrors.invalidParameter(
                      "ReceiptHandle",
                      receipt.text(),
                      "Message does not exist or is not available for visibility timeout"
                          + " change.")));
          continue;
        }
        if (message.state != State.IN_FLIGHT || message.receiveCount != receipt.receiveCount()) {
          results.add(
              Optional.of(
                  SqsErrors.MESSAGE_NOT_INFLIGHT.exception(
                      "Message does not exist or is not available for visibility timeout"
                          + " change.")));
          continue;
        }
        if (now + timeout - message.lastReceiveMillis > MAX_VISIBILITY_MILLIS) {
          results.add(
              Optional.of(
                  SqsErrors.invalidParameter(
                      "VisibilityTimeout",
                      timeout / 1000,
                      "Total VisibilityTimeout for the message is beyond the limit [43200"
                          + " seconds]")));
          continue;
        }
        index.reschedule(message, now + timeout);
        ensureTimer(message.visibleAt, now);
        visibleNow |= timeout == 0;
        int count = message.receiveCount;
        long first = message.firstReceiveMillis;
        long visibleAt = message.visibleAt;
        stored.add(
            commits.submit(store -> store.updateReceipt(message.seq, count, first, visibleAt)));
        results.add(Optional.empty());
      }
      if (visibleNow) {
        promote(now);
        arrived.signal();
      }
    } finally {
      lock.unlock();
    }
    stored.forEach(Queue::await);
    return results;
  }

  /** Deletes every message; AWS allows one purge per queue every 60 seconds. */
  void purge() {
    CompletableFuture<Void> stored;
    lock.lock();
    try {
      checkExists();
      long now = now();
      if (lastPurge != Long.MIN_VALUE && now - lastPurge < 60_000) {
        throw SqsErrors.PURGE_QUEUE_IN_PROGRESS.exception(
            "Only one PurgeQueue operation on %s is allowed every 60 seconds.", name);
      }
      lastPurge = now;
      index.clear();
      stored = commits.submit(store -> store.purge(id));
    } finally {
      lock.unlock();
    }
    await(stored);
  }

  /** Marks the queue deleted, wakes its long polls and drops its messages from memory. */
  CompletableFuture<Void> markDeleted() {
    lock.lock();
    try {
      deleted = true;
      index.clear();
      if (timer != null) {
        timer.cancel();
      }
      arrived.signalAll();
      return commits.submit(store -> store.deleteQueue(id));
    } finally {
      lock.unlock();
    }
  }

  /** Ends this queue's long polls empty and stops its timer: the node is shutting down. */
  void shutDown() {
    lock.lock();
    try {
      closing = true;
      if (timer != null) {
        timer.cancel();
      }
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  Counts counts() {
    lock.lock();
    try {
      promote(now());
      return index.counts();
    } finally {
      lock.unlock();
    }
  }

  private void checkExists() {
    if (deleted) {
      throw SqsErrors.queueDoesNotExist();
    }
  }

  static void await(CompletableFuture<Void> future) {
    try {
      future.join();
    } catch (CompletionException e) {
      throw SqsErrors.INTERNAL.exception("The queue store failed: " + e.getCause().getMessage());
    }
  }
}
