package dev.gust.sqs;

import dev.gust.core.AwsException;
import dev.gust.sqs.SqsMessageAttributes.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The message operations of the SQS API: sends, receives, deletes and visibility changes, single
 * and batched. A batch is checked as a whole first (entry count, distinct and well-formed ids,
 * total size); then each entry succeeds or fails on its own, and the accepted entries of a batch
 * share one commit.
 */
final class SqsMessaging {

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

  Map<String, Object> execute(String operation, Queue queue, SqsRequest request, String sender) {
    return switch (operation) {
      case "SendMessage" -> send(queue, request, sender);
      case "SendMessageBatch" -> sendBatch(queue, request, sender);
      case "ReceiveMessage" -> receive(queue, request);
      case "DeleteMessage" -> {
        queue.delete(List.of(QueueReceipts.parse(request.required("ReceiptHandle"), queue.id)));
        yield Map.of();
      }
      case "DeleteMessageBatch" -> deleteBatch(queue, request);
      case "ChangeMessageVisibility" -> {
        QueueReceipts.Receipt receipt =
            QueueReceipts.parse(request.required("ReceiptHandle"), queue.id);
        Duration timeout = visibility(request, true).orElseThrow();
        queue
            .changeVisibility(List.of(receipt), List.of(timeout))
            .getFirst()
            .ifPresent(
                e -> {
                  throw e;
                });
        yield Map.of();
      }
      case "ChangeMessageVisibilityBatch" -> changeVisibilityBatch(queue, request);
      default -> throw new IllegalArgumentException("not a message operation: " + operation);
    };
  }

  // ---- send -----------------------------------------------------------------------------------

  private static QueueSends.Outgoing outgoing(
      QueueAttributes attributes, SqsRequest request, String sender) {
    return QueueSends.validate(
        attributes,
        request.string("MessageBody"),
        SqsMessageAttributes.parse(request.node("MessageAttributes"), false),
        SqsMessageAttributes.parse(request.node("MessageSystemAttributes"), true),
        request.integer("DelaySeconds"),
        request.string("MessageGroupId"),
        request.string("MessageDeduplicationId"),
        sender);
  }

  private Map<String, Object> send(Queue queue, SqsRequest request, String sender) {
    QueueSends.Outgoing message = outgoing(queue.attributes(), request, sender);
    return sendResult(queue.send(List.of(message)).getFirst().content());
  }

  private static Map<String, Object> sendResult(QueueMessage.Content content) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("MessageId", content.messageId());
    result.put("MD5OfMessageBody", content.md5OfBody());
    content.md5OfAttributes().ifPresent(md5 -> result.put("MD5OfMessageAttributes", md5));
    if (!content.systemAttributes().isEmpty()) {
      result.put(
          "MD5OfMessageSystemAttributes", SqsMessageAttributes.md5(content.systemAttributes()));
    }
    content.sequenceNumber().ifPresent(n -> result.put("SequenceNumber", n));
    return result;
  }

  private Map<String, Object> sendBatch(Queue queue, SqsRequest request, String sender) {
    List<SqsRequest> entries = checkBatch(request, "SendMessageBatchRequestEntry");
    QueueAttributes attributes = queue.attributes();
    int limit = Math.max(QueueAttributes.DEFAULT_MAX_MESSAGE_SIZE, attributes.maximumMessageSize());
    Map<String, Object> failed = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    List<QueueSends.Outgoing> accepted = new ArrayList<>();
    int total = 0;
    for (SqsRequest entry : entries) {
      String id = entry.required("Id");
      try {
        QueueSends.Outgoing message = outgoing(attributes, entry, sender);
        total +=
            SqsMessageAttributes.utf8Length(message.body())
                + SqsMessageAttributes.size(message.attributes());
        accepted.add(message);
        ids.add(id);
      } catch (AwsException e) {
        failed.put(id, failure(id, e));
      }
    }
    if (total > limit) {
      throw SqsErrors.BATCH_TOO_LONG.exception(
          "Batch requests cannot be longer than %d bytes. You have sent %d bytes.", limit, total);
    }
    List<Object> successful = new ArrayList<>();
    if (!accepted.isEmpty()) {
      List<Queue.Sent> sent = queue.send(accepted);
      for (int i = 0; i < sent.size(); i++) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Id", ids.get(i));
        result.putAll(sendResult(sent.get(i).content()));
        successful.add(result);
      }
    }
    return batchResult(successful, failed);
  }

  // ---- receive --------------------------------------------------------------------------------

  private Map<String, Object> receive(Queue queue, SqsRequest request) {
    int max = request.integer("MaxNumberOfMessages").orElse(1);
    if (max < 1 || max > MAX_BATCH) {
      throw SqsErrors.invalidParameter(
          "MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
    }
    OptionalInt waitSeconds = request.integer("WaitTimeSeconds");
    if (waitSeconds.isPresent() && (waitSeconds.getAsInt() < 0 || waitSeconds.getAsInt() > 20)) {
      throw SqsErrors.invalidParameter(
          "WaitTimeSeconds", waitSeconds.getAsInt(), "Must be >= 0 and <= 20, if provided.");
    }
    QueueAttributes attributes = queue.attributes();
    Duration visibility = visibility(request, false).orElse(attributes.visibilityTimeout());
    Duration wait =
        waitSeconds.isPresent()
            ? Duration.ofSeconds(waitSeconds.getAsInt())
            : attributes.receiveWait();
    Set<String> system = new HashSet<>(request.strings("AttributeNames"));
    system.addAll(request.strings("MessageSystemAttributeNames"));
    for (String name : system) {
      if (!SYSTEM_ATTRIBUTES.contains(name)) {
        throw SqsErrors.INVALID_ATTRIBUTE_NAME.exception("Unknown Attribute %s.", name);
      }
    }
    Predicate<String> wanted = attributeFilter(request.strings("MessageAttributeNames"));
    List<Object> messages = new ArrayList<>();
    for (Queue.Received received : queue.receive(max, visibility, wait)) {
      messages.add(render(received, system, wanted));
    }
    return messages.isEmpty() ? Map.of() : Map.of("Messages", messages);
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

  private static Map<String, Object> render(
      Queue.Received received, Set<String> system, Predicate<String> wanted) {
    QueueMessage.Content content = received.content();
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("MessageId", content.messageId());
    message.put("ReceiptHandle", received.receiptHandle());
    message.put("MD5OfBody", content.md5OfBody());
    message.put("Body", content.body());
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
    if (!attributes.isEmpty()) {
      message.put("Attributes", attributes);
    }
    SortedMap<String, Value> selected = SqsMessageAttributes.select(content.attributes(), wanted);
    if (!selected.isEmpty()) {
      message.put(
          "MD5OfMessageAttributes",
          selected.size() == content.attributes().size()
              ? content.md5OfAttributes().orElseThrow()
              : SqsMessageAttributes.md5(selected));
      Map<String, Object> wire = new TreeMap<>();
      selected.forEach((name, value) -> wire.put(name, value.toWire()));
      message.put("MessageAttributes", wire);
    }
    return message;
  }

  // ---- delete and visibility ------------------------------------------------------------------

  private Map<String, Object> deleteBatch(Queue queue, SqsRequest request) {
    List<SqsRequest> entries = checkBatch(request, "DeleteMessageBatchRequestEntry");
    Map<String, Object> failed = new LinkedHashMap<>();
    List<QueueReceipts.Receipt> receipts = new ArrayList<>();
    List<Object> successful = new ArrayList<>();
    for (SqsRequest entry : entries) {
      String id = entry.required("Id");
      try {
        receipts.add(QueueReceipts.parse(entry.required("ReceiptHandle"), queue.id));
        successful.add(Map.of("Id", id));
      } catch (AwsException e) {
        failed.put(id, failure(id, e));
      }
    }
    if (!receipts.isEmpty()) {
      queue.delete(receipts);
    }
    return batchResult(successful, failed);
  }

  private Map<String, Object> changeVisibilityBatch(Queue queue, SqsRequest request) {
    List<SqsRequest> entries = checkBatch(request, "ChangeMessageVisibilityBatchRequestEntry");
    Map<String, Object> failed = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    List<QueueReceipts.Receipt> receipts = new ArrayList<>();
    List<Duration> timeouts = new ArrayList<>();
    for (SqsRequest entry : entries) {
      String id = entry.required("Id");
      try {
        receipts.add(QueueReceipts.parse(entry.required("ReceiptHandle"), queue.id));
        timeouts.add(visibility(entry, false).orElse(Duration.ZERO));
        ids.add(id);
      } catch (AwsException e) {
        if (receipts.size() > timeouts.size()) {
          receipts.removeLast();
        }
        failed.put(id, failure(id, e));
      }
    }
    List<Object> successful = new ArrayList<>();
    List<Optional<AwsException>> results = queue.changeVisibility(receipts, timeouts);
    for (int i = 0; i < results.size(); i++) {
      String id = ids.get(i);
      if (results.get(i).isPresent()) {
        failed.put(id, failure(id, results.get(i).get()));
      } else {
        successful.add(Map.of("Id", id));
      }
    }
    return batchResult(successful, failed);
  }

  private static Optional<Duration> visibility(SqsRequest request, boolean required) {
    OptionalInt seconds = request.integer("VisibilityTimeout");
    if (seconds.isEmpty()) {
      if (required) {
        throw SqsErrors.missing("VisibilityTimeout");
      }
      return Optional.empty();
    }
    int value = seconds.getAsInt();
    if (value < 0 || value > 43_200) {
      throw SqsErrors.invalidParameter(
          "VisibilityTimeout", value, "Must be between 0 and 43200, if provided.");
    }
    return Optional.of(Duration.ofSeconds(value));
  }

  // ---- batches --------------------------------------------------------------------------------

  /** The entries of a batch, checked as a whole as AWS does before looking at any entry. */
  private static List<SqsRequest> checkBatch(SqsRequest request, String entryShape) {
    List<SqsRequest> entries = request.entries();
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
    for (SqsRequest entry : entries) {
      String id = entry.required("Id");
      if (!BATCH_ID.matcher(id).matches()) {
        throw SqsErrors.INVALID_BATCH_ENTRY_ID.exception(
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores."
                + " It can be at most 80 letters long.");
      }
      if (!ids.add(id)) {
        throw SqsErrors.BATCH_IDS_NOT_DISTINCT.exception("Id %s repeated.", id);
      }
    }
    return entries;
  }

  private static Map<String, Object> failure(String id, AwsException error) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("Id", id);
    entry.put("SenderFault", error.type().fault() == dev.gust.core.ErrorType.Fault.USER);
    entry.put("Code", SqsErrors.queryCode(error.type()));
    entry.put("Message", error.getMessage());
    return entry;
  }

  private static Map<String, Object> batchResult(
      List<Object> successful, Map<String, Object> failed) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("Successful", successful);
    result.put("Failed", List.copyOf(failed.values()));
    return result;
  }
}
