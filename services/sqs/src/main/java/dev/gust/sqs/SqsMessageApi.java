package dev.gust.sqs;

import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;
import dev.gust.sqs.MessageAttributes.Value;
import dev.gust.sqs.SqsModel.ChangeMessageVisibilityBatchRequestEntry;
import dev.gust.sqs.SqsModel.Command;
import dev.gust.sqs.SqsModel.DeleteMessageBatchRequestEntry;
import dev.gust.sqs.SqsModel.MessageAttributeValue;
import dev.gust.sqs.SqsModel.SendMessageBatchRequestEntry;
import dev.gust.sqs.SqsReplyModel.BatchResultEntry;
import dev.gust.sqs.SqsReplyModel.BatchResultErrorEntry;
import dev.gust.sqs.SqsReplyModel.ChangeMessageVisibilityBatchResult;
import dev.gust.sqs.SqsReplyModel.DeleteMessageBatchResult;
import dev.gust.sqs.SqsReplyModel.Message;
import dev.gust.sqs.SqsReplyModel.ReceiveMessageResult;
import dev.gust.sqs.SqsReplyModel.SendMessageBatchResult;
import dev.gust.sqs.SqsReplyModel.SendMessageBatchResultEntry;
import dev.gust.sqs.SqsReplyModel.SendMessageResult;
import dev.gust.wire.Empty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The message operations of the SQS API, from their commands to the queue and back to their
 * replies: sends, receives, deletes and visibility changes, single and batched. A batch is checked
 * as a whole first (entry count, distinct and well-formed ids, total size); then each entry
 * succeeds or fails on its own, and the accepted entries of a batch share one commit.
 */
final class SqsMessageApi {

  static final int MAX_BATCH = 10;

  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  /** The system attributes a receive can ask for. */
  private static final Set<String> SYSTEM_ATTRIBUTES =
      Set.of(
          "All",
          "SenderId",
          "SentTimestamp",
          "ApproximateReceiveCount",
          "ApproximateFirstReceiveTimestamp",
          "SequenceNumber",
          "MessageDeduplicationId",
          "MessageGroupId",
          "AWSTraceHeader",
          "DeadLetterQueueSourceArn");

  private SqsMessageApi() {}

  // ---- send -----------------------------------------------------------------------------------

  static SendMessageResult send(Queue queue, Command.SendMessage send, String sender) {
    QueueSends.Outgoing message =
        QueueSends.validate(
            queue.attributes(),
            Optional.of(send.messageBody()),
            attributes(send.messageAttributes(), false),
            attributes(send.messageSystemAttributes(), true),
            send.delaySeconds(),
            send.messageGroupId(),
            send.messageDeduplicationId(),
            sender);
    QueueMessage.Content content = queue.send(List.of(message)).getFirst().content();
    return new SendMessageResult(
        content.messageId(),
        content.md5OfBody(),
        content.md5OfAttributes(),
        systemMd5(content),
        content.sequenceNumber());
  }

  static SendMessageBatchResult sendBatch(
      Queue queue, Command.SendMessageBatch batch, String sender) {
    checkBatch(batch.entries(), SendMessageBatchRequestEntry::id, "SendMessageBatchRequestEntry");
    QueueAttributes attributes = queue.attributes();
    int limit = Math.max(QueueAttributes.DEFAULT_MAX_MESSAGE_SIZE, attributes.maximumMessageSize());
    Map<String, BatchResultErrorEntry> failed = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    List<QueueSends.Outgoing> accepted = new ArrayList<>();
    int total = 0;
    for (SendMessageBatchRequestEntry entry : batch.entries()) {
      try {
        QueueSends.Outgoing message =
            QueueSends.validate(
                attributes,
                entry.messageBody(),
                attributes(entry.messageAttributes(), false),
                attributes(entry.messageSystemAttributes(), true),
                entry.delaySeconds(),
                entry.messageGroupId(),
                entry.messageDeduplicationId(),
                sender);
        total +=
            MessageAttributes.utf8Length(message.body())
                + MessageAttributes.size(message.attributes());
        accepted.add(message);
        ids.add(entry.id());
      } catch (AwsException e) {
        failed.put(entry.id(), failure(entry.id(), e));
      }
    }
    if (total > limit) {
      throw SqsErrors.BATCH_TOO_LONG.exception(
          "Batch requests cannot be longer than %d bytes. You have sent %d bytes.", limit, total);
    }
    List<SendMessageBatchResultEntry> successful = new ArrayList<>();
    if (!accepted.isEmpty()) {
      List<Queue.Sent> sent = queue.send(accepted);
      for (int i = 0; i < sent.size(); i++) {
        QueueMessage.Content content = sent.get(i).content();
        successful.add(
            new SendMessageBatchResultEntry(
                ids.get(i),
                content.messageId(),
                content.md5OfBody(),
                content.md5OfAttributes(),
                systemMd5(content),
                content.sequenceNumber()));
      }
    }
    return new SendMessageBatchResult(
        Optional.of(successful), Optional.of(List.copyOf(failed.values())));
  }

  private static Optional<String> systemMd5(QueueMessage.Content content) {
    return content.systemAttributes().isEmpty()
        ? Optional.empty()
        : Optional.of(MessageAttributes.md5(content.systemAttributes()));
  }

  /**
   * The message attributes (or message system attributes) of a send, checked as SQS checks them, in
   * the order the sender gave them.
   */
  private static SortedMap<String, Value> attributes(
      Map<String, MessageAttributeValue> given, boolean system) {
    if (given.isEmpty()) {
      return Collections.emptySortedMap();
    }
    MessageAttributes.checkCount(given.size());
    SortedMap<String, Value> result = new TreeMap<>();
    for (Map.Entry<String, MessageAttributeValue> entry : given.entrySet()) {
      String name = entry.getKey();
      if (system) {
        MessageAttributes.checkSystemName(name);
      } else {
        MessageAttributes.checkName(name);
      }
      MessageAttributeValue value = entry.getValue();
      result.put(
          name,
          MessageAttributes.value(
              name,
              value.dataType(),
              value.stringValue(),
              value.binaryValue(),
              !value.stringListValues().isEmpty() || !value.binaryListValues().isEmpty()));
    }
    return result;
  }

  // ---- receive --------------------------------------------------------------------------------

  static ReceiveMessageResult receive(Queue queue, Command.ReceiveMessage receive) {
    int max = receive.maxNumberOfMessages().orElse(1);
    if (max < 1 || max > MAX_BATCH) {
      throw SqsErrors.invalidParameter(
          "MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
    }
    Optional<Integer> waitSeconds = receive.waitTimeSeconds();
    if (waitSeconds.isPresent() && (waitSeconds.get() < 0 || waitSeconds.get() > 20)) {
      throw SqsErrors.invalidParameter(
          "WaitTimeSeconds", waitSeconds.get(), "Must be >= 0 and <= 20, if provided.");
    }
    QueueAttributes attributes = queue.attributes();
    Duration visibility =
        visibility(receive.visibilityTimeout()).orElse(attributes.visibilityTimeout());
    Duration wait = waitSeconds.map(Duration::ofSeconds).orElse(attributes.receiveWait());
    Set<String> system = new HashSet<>(receive.attributeNames());
    system.addAll(receive.messageSystemAttributeNames());
    for (String name : system) {
      if (!SYSTEM_ATTRIBUTES.contains(name)) {
        throw SqsErrors.INVALID_ATTRIBUTE_NAME.exception("Unknown Attribute %s.", name);
      }
    }
    Predicate<String> wanted = attributeFilter(receive.messageAttributeNames());
    List<Message> messages = new ArrayList<>();
    for (Queue.Received received : queue.receive(max, visibility, wait)) {
      messages.add(message(received, system, wanted));
    }
    return new ReceiveMessageResult(messages);
  }

  private static Predicate<String> attributeFilter(List<String> names) {
    if (names.contains("All") || names.contains(".*")) {
      return name -> true;
    }
    return name -> {
      for (String wanted : names) {
        if (wanted.endsWith(".*")
            ? name.startsWith(wanted.substring(0, wanted.length() - 1))
            : wanted.equals(name)) {
          return true;
        }
      }
      return false;
    };
  }

  private static Message message(
      Queue.Received received, Set<String> system, Predicate<String> wanted) {
    QueueMessage.Content content = received.content();
    Map<String, String> available = new LinkedHashMap<>();
    available.put("SenderId", content.senderId());
    available.put("SentTimestamp", String.valueOf(content.sentMillis()));
    available.put("ApproximateReceiveCount", String.valueOf(received.receiveCount()));
    available.put("ApproximateFirstReceiveTimestamp", String.valueOf(received.first()));
    content.sequenceNumber().ifPresent(n -> available.put("SequenceNumber", n));
    content.deduplicationId().ifPresent(d -> available.put("MessageDeduplicationId", d));
    content.groupId().ifPresent(g -> available.put("MessageGroupId", g));
    Value trace = content.systemAttributes().get("AWSTraceHeader");
    if (trace != null) {
      available.put("AWSTraceHeader", trace.string().orElse(""));
    }
    content.deadLetterSourceArn().ifPresent(a -> available.put("DeadLetterQueueSourceArn", a));
    Map<String, String> attributes = new LinkedHashMap<>();
    boolean all = system.contains("All");
    available.forEach(
        (name, value) -> {
          if (all || system.contains(name)) {
            attributes.put(name, value);
          }
        });
    SortedMap<String, Value> selected = MessageAttributes.select(content.attributes(), wanted);
    Optional<String> md5 = Optional.empty();
    Map<String, MessageAttributeValue> shown = new TreeMap<>();
    if (!selected.isEmpty()) {
      md5 =
          Optional.of(
              selected.size() == content.attributes().size()
                  ? content.md5OfAttributes().orElseThrow()
                  : MessageAttributes.md5(selected));
      selected.forEach(
          (name, value) ->
              shown.put(
                  name,
                  new MessageAttributeValue(
                      value.string(),
                      value.binary(),
                      List.of(),
                      List.of(),
                      Optional.of(value.dataType()))));
    }
    return new Message(
        content.messageId(),
        received.receiptHandle(),
        content.md5OfBody(),
        content.body(),
        attributes,
        md5,
        shown);
  }

  // ---- delete and visibility ------------------------------------------------------------------

  static Empty delete(Queue queue, Command.DeleteMessage delete) {
    queue.delete(List.of(QueueReceipts.parse(delete.receiptHandle(), queue.id)));
    return Empty.INSTANCE;
  }

  static DeleteMessageBatchResult deleteBatch(Queue queue, Command.DeleteMessageBatch batch) {
    checkBatch(
        batch.entries(), DeleteMessageBatchRequestEntry::id, "DeleteMessageBatchRequestEntry");
    Map<String, BatchResultErrorEntry> failed = new LinkedHashMap<>();
    List<QueueReceipts.Receipt> receipts = new ArrayList<>();
    List<BatchResultEntry> successful = new ArrayList<>();
    for (DeleteMessageBatchRequestEntry entry : batch.entries()) {
      try {
        receipts.add(QueueReceipts.parse(receiptHandle(entry.receiptHandle()), queue.id));
        successful.add(new BatchResultEntry(entry.id()));
      } catch (AwsException e) {
        failed.put(entry.id(), failure(entry.id(), e));
      }
    }
    if (!receipts.isEmpty()) {
      queue.delete(receipts);
    }
    return new DeleteMessageBatchResult(
        Optional.of(successful), Optional.of(List.copyOf(failed.values())));
  }

  static Empty changeVisibility(Queue queue, Command.ChangeMessageVisibility change) {
    QueueReceipts.Receipt receipt = QueueReceipts.parse(change.receiptHandle(), queue.id);
    Duration timeout = visibility(Optional.of(change.visibilityTimeout())).orElseThrow();
    queue
        .changeVisibility(List.of(receipt), List.of(timeout))
        .getFirst()
        .ifPresent(
            e -> {
              throw e;
            });
    return Empty.INSTANCE;
  }

  static ChangeMessageVisibilityBatchResult changeVisibilityBatch(
      Queue queue, Command.ChangeMessageVisibilityBatch batch) {
    checkBatch(
        batch.entries(),
        ChangeMessageVisibilityBatchRequestEntry::id,
        "ChangeMessageVisibilityBatchRequestEntry");
    Map<String, BatchResultErrorEntry> failed = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    List<QueueReceipts.Receipt> receipts = new ArrayList<>();
    List<Duration> timeouts = new ArrayList<>();
    for (ChangeMessageVisibilityBatchRequestEntry entry : batch.entries()) {
      try {
        QueueReceipts.Receipt receipt =
            QueueReceipts.parse(receiptHandle(entry.receiptHandle()), queue.id);
        Duration timeout = visibility(entry.visibilityTimeout()).orElse(Duration.ZERO);
        receipts.add(receipt);
        timeouts.add(timeout);
        ids.add(entry.id());
      } catch (AwsException e) {
        failed.put(entry.id(), failure(entry.id(), e));
      }
    }
    List<BatchResultEntry> successful = new ArrayList<>();
    List<Optional<AwsException>> results = queue.changeVisibility(receipts, timeouts);
    for (int i = 0; i < results.size(); i++) {
      String id = ids.get(i);
      if (results.get(i).isPresent()) {
        failed.put(id, failure(id, results.get(i).get()));
      } else {
        successful.add(new BatchResultEntry(id));
      }
    }
    return new ChangeMessageVisibilityBatchResult(
        Optional.of(successful), Optional.of(List.copyOf(failed.values())));
  }

  private static String receiptHandle(Optional<String> given) {
    return given.orElseThrow(() -> SqsErrors.missing("ReceiptHandle"));
  }

  private static Optional<Duration> visibility(Optional<Integer> seconds) {
    if (seconds.isEmpty()) {
      return Optional.empty();
    }
    int value = seconds.get();
    if (value < 0 || value > 43_200) {
      throw SqsErrors.invalidParameter(
          "VisibilityTimeout", value, "Must be between 0 and 43200, if provided.");
    }
    return Optional.of(Duration.ofSeconds(value));
  }

  // ---- batches --------------------------------------------------------------------------------

  /** Checks a batch as a whole, as AWS does before looking at any entry. */
  private static <E> void checkBatch(List<E> entries, Function<E, String> id, String entryShape) {
    if (entries.isEmpty()) {
      throw SqsErrors.EMPTY_BATCH.exception(
          "There should be at least one %s in the request.", entryShape);
    }
    if (entries.size() > MAX_BATCH) {
      throw SqsErrors.TOO_MANY_ENTRIES.exception(
          "Maximum number of entries per request are %d. You have sent %d.",
          MAX_BATCH, entries.size());
    }
    Set<String> ids = new HashSet<>();
    for (E entry : entries) {
      String text = id.apply(entry);
      if (!BATCH_ID.matcher(text).matches()) {
        throw SqsErrors.INVALID_BATCH_ENTRY_ID.exception(
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores."
                + " It can be at most 80 letters long.");
      }
      if (!ids.add(text)) {
        throw SqsErrors.BATCH_IDS_NOT_DISTINCT.exception("Id %s repeated.", text);
      }
    }
  }

  /** The failure of one entry, named by the error's query-protocol code as AWS reports it. */
  private static BatchResultErrorEntry failure(String id, AwsException error) {
    return new BatchResultErrorEntry(
        id,
        error.type().fault() == ErrorType.Fault.USER,
        SqsModel.ERRORS.queryCode(error.type()),
        error.getMessage());
  }
}
