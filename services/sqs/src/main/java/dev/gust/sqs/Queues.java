package dev.gust.sqs;

import dev.gust.core.Arn;
import dev.gust.core.Ownership;
import dev.gust.core.Scheduler;
import dev.gust.core.Scope;
import dev.gust.delivery.Delivery;
import dev.gust.delivery.Target;
import dev.gust.sqs.MessageAttributes.Value;
import dev.gust.store.Database;
import dev.gust.store.GroupCommit;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * SQS-compatible queues: standard and FIFO queues with visibility timeouts, delays, long polling,
 * retention, dead-letter redrive and FIFO deduplication, and the {@link Delivery} handler of queue
 * targets for other components ({@link #register}). {@code SqsApi} serves them on SQS's wire.
 *
 * <p>Messages and queues are kept in the node's {@link Database} (component {@code queues}); an
 * acknowledged send survives a crash. Writes are group-committed: concurrent sends, deletes and
 * visibility changes share one transaction. The indexes of visible and in-flight messages live in
 * memory and are rebuilt from the store by {@link #open}, for the queues this node owns ({@link
 * Ownership.Kind#QUEUE}, by ARN): the others stay in the store, untouched, for the node that owns
 * them. Time comes from the injected {@link Scheduler}, so tests drive visibility, delays,
 * retention and long polls with a fake clock.
 *
 * <p>Queue URLs are {@code <baseUrl>/<account>/<name>}; ARNs {@code
 * arn:aws:sqs:<region>:<account>:<name>}.
 */
public final class Queues implements AutoCloseable {

  /** AWS makes a caller wait a minute before reusing the name of a deleted queue. */
  static final Duration NAME_REUSE_DELAY = Duration.ofSeconds(60);

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

  /** A queue's identity: names are unique per account and region. */
  record Key(String account, String region, String name) {}

  private final Scheduler scheduler;
  private final String baseUrl;
  private final GroupCommit<QueueStore> commits;
  private final Map<Key, Queue> queues = new ConcurrentHashMap<>();
  private final Map<Key, Long> deletedAt = new ConcurrentHashMap<>();
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong queueIds = new AtomicLong();
  private final ReentrantLock catalog = new ReentrantLock();

  private Queues(Scheduler scheduler, String baseUrl, GroupCommit<QueueStore> commits) {
    this.scheduler = scheduler;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.commits = commits;
  }

  /**
   * Brings the queue tables up to date, loads every queue this node owns with its messages, and
   * starts the commit thread.
   *
   * @param ownership which queues this node holds the index of
   * @param baseUrl the URL clients reach this node at, such as {@code http://127.0.0.1:4566}
   */
  public static Queues open(
      Database database, Scheduler scheduler, Ownership ownership, String baseUrl) {
    database.migrate("queues", QueueStore.MIGRATIONS);
    Queues queues = new Queues(scheduler, baseUrl, QueueStore.commits(database));
    database.read(
        c -> {
          QueueStore store = new QueueStore(c);
          Map<Long, Queue> byId = new TreeMap<>();
          for (QueueStore.QueueRow row : store.queues()) {
            queues.queueIds.accumulateAndGet(row.id(), Math::max);
            String arn = new Scope(row.account(), row.region()).arn("sqs", row.name()).toString();
            if (!ownership.owns(Ownership.Kind.QUEUE, arn)) {
              continue;
            }
            Queue queue = new Queue(row, scheduler, queues.commits, queues);
            byId.put(row.id(), queue);
            queues.queues.put(new Key(row.account(), row.region(), row.name()), queue);
          }
          store.messages(
              row -> {
                queues.seq.accumulateAndGet(row.seq(), Math::max);
                Queue queue = byId.get(row.queueId());
                if (queue != null) {
                  queue.load(
                      new QueueMessage(
                          row.seq(),
                          row.content(),
                          row.visibleAt(),
                          row.receiveCount(),
                          row.firstReceive()));
                }
              });
          return null;
        });
    return queues;
  }

  /** Makes this component the one {@code delivery} hands messages for queues to. */
  public void register(Delivery delivery) {
    delivery.register(Target.Queue.class, this::deliver);
  }

  /** The URL clients reach this node at, the prefix of every queue URL. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Ends waiting long polls, commits every write submitted so far and stops the commit thread. */
  @Override
  public void close() {
    queues.values().forEach(Queue::shutDown);
    commits.close();
  }

  // ---- catalog --------------------------------------------------------------------------------

  long nextSeq() {
    return seq.incrementAndGet();
  }

  String url(Queue queue) {
    return baseUrl + "/" + queue.account + "/" + queue.name;
  }

  /**
   * Creates a queue, or returns the existing one when every requested attribute has the same value.
   */
  Queue create(Scope scope, String name, Map<String, String> attributes, Map<String, String> tags) {
    boolean fifo = "true".equals(attributes.get("FifoQueue"));
    if (!(fifo ? FIFO_NAME : NAME).matcher(name).matches()) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          fifo
              ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or"
                  + " underscores, must end with .fifo suffix and be 1 to 80 in length."
              : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in"
                  + " length");
    }
    QueueTags.check(tags, Map.of());
    QueueAttributes requested = QueueAttributes.create(attributes, fifo);
    checkRedrive(scope, requested);
    Key key = new Key(scope.account(), scope.region(), name);
    Queue queue;
    catalog.lock();
    try {
      Queue existing = queues.get(key);
      if (existing != null) {
        QueueAttributes current = existing.attributes();
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
          if (!current.get(entry.getKey()).equals(requested.get(entry.getKey()))) {
            throw SqsErrors.QUEUE_NAME_EXISTS.exception(
                "A queue already exists with the same name and a different value for attribute"
                    + " %s",
                entry.getKey());
          }
        }
        return existing;
      }
      Long deleted = deletedAt.get(key);
      long now = scheduler.clock().millis();
      if (deleted != null && now - deleted < NAME_REUSE_DELAY.toMillis()) {
        throw SqsErrors.QUEUE_DELETED_RECENTLY.exception(
            "You must wait 60 seconds after deleting a queue before you can create another queue"
                + " with the same name.");
      }
      QueueStore.QueueRow row =
          new QueueStore.QueueRow(
              queueIds.incrementAndGet(),
              scope.account(),
              scope.region(),
              name,
              requested.values(),
              new TreeMap<>(tags),
              Map.of(),
              now,
              now);
      queue = new Queue(row, scheduler, commits, this);
      Queue.await(commits.submit(store -> store.putQueue(row)));
      queues.put(key, queue);
    } finally {
      catalog.unlock();
    }
    return queue;
  }

  /** Checks that a redrive policy names an existing dead-letter queue of the same type. */
  void checkRedrive(Scope scope, QueueAttributes attributes) {
    Optional<QueueAttributes.Redrive> redrive = attributes.redrive();
    if (redrive.isEmpty()) {
      return;
    }
    String arn = redrive.get().deadLetterTargetArn();
    Optional<Queue> target = byArn(arn);
    if (target.isEmpty()) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "Value %s for parameter RedrivePolicy is invalid. Reason: Dead letter target does not"
              + " exist.",
          attributes.values().get("RedrivePolicy"));
    }
    if (target.get().fifo != attributes.fifo()) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "Value %s for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same"
              + " type of queue as the source.",
          attributes.values().get("RedrivePolicy"));
    }
  }

  Optional<Queue> find(Scope scope, String name) {
    return Optional.ofNullable(queues.get(new Key(scope.account(), scope.region(), name)));
  }

  /** The queue a {@code QueueUrl} names, in the caller's region. */
  Queue byUrl(Scope scope, String url) {
    int scheme = url.indexOf("://");
    int pathStart = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    int nameStart = url.lastIndexOf('/') + 1;
    int accountStart = nameStart > 1 ? url.lastIndexOf('/', nameStart - 2) + 1 : -1;
    if (scheme < 0 || pathStart < 0 || accountStart <= pathStart || nameStart >= url.length()) {
      throw SqsErrors.INVALID_ADDRESS.exception(
          "The address %s is not valid for this endpoint.", url);
    }
    Key key =
        new Key(
            url.substring(accountStart, nameStart - 1), scope.region(), url.substring(nameStart));
    Queue queue = queues.get(key);
    if (queue == null) {
      throw SqsErrors.queueDoesNotExist();
    }
    return queue;
  }

  Optional<Queue> byArn(String arn) {
    return Arn.parse(arn)
        .filter(a -> a.service().equals("sqs"))
        .map(a -> queues.get(new Key(a.account(), a.region(), a.resource())));
  }

  /** The scope's queues whose names start with {@code prefix}, by name. */
  List<Queue> list(Scope scope, String prefix) {
    return queues.values().stream()
        .filter(q -> q.account.equals(scope.account()) && q.region.equals(scope.region()))
        .filter(q -> q.name.startsWith(prefix))
        .sorted(Comparator.comparing(q -> q.name))
        .toList();
  }

  /** The scope's queues whose redrive policy targets {@code deadLetter}. */
  List<Queue> sourcesOf(Queue deadLetter) {
    return queues.values().stream()
        .filter(
            q ->
                q.attributes()
                    .redrive()
                    .map(r -> r.deadLetterTargetArn().equals(deadLetter.arn))
                    .orElse(false))
        .sorted(Comparator.comparing(q -> q.name))
        .toList();
  }

  void delete(Queue queue) {
    catalog.lock();
    try {
      Key key = new Key(queue.account, queue.region, queue.name);
      if (queues.remove(key, queue)) {
        deletedAt.put(key, scheduler.clock().millis());
        Queue.await(queue.markDeleted());
      }
    } finally {
      catalog.unlock();
    }
  }

  // ---- deliveries -----------------------------------------------------------------------------

  private void deliver(Target.Queue target, Delivery.Message message) {
    Arn arn = target.arn();
    Queue queue =
        Optional.ofNullable(queues.get(new Key(arn.account(), arn.region(), arn.resource())))
            .orElseThrow(SqsErrors::queueDoesNotExist);
    SortedMap<String, Value> attributes = new TreeMap<>();
    message
        .attributes()
        .forEach(
            (name, value) ->
                attributes.put(name, new Value("String", Optional.of(value), Optional.empty())));
    QueueAttributes settings = queue.attributes();
    QueueSends.Outgoing outgoing =
        QueueSends.validate(
            settings,
            Optional.of(message.body()),
            attributes,
            new TreeMap<>(),
            Optional.empty(),
            settings.fifo() ? Optional.of("default") : Optional.empty(),
            settings.fifo() && !settings.contentBasedDeduplication()
                ? Optional.of(QueueSends.messageId())
                : Optional.empty(),
            arn.account());
    queue.send(List.of(outgoing));
  }
}
