package dev.gust.sqs;

import dev.gust.core.Digests;
import dev.gust.sqs.MessageAttributes.Value;
import java.time.Duration;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a send must satisfy before a queue takes it, as AWS checks it: a body of allowed characters
 * within the queue's size limit (body and attributes together), a delay of at most 15 minutes and
 * only on standard queues, and on FIFO queues a message group id and a deduplication id (explicit
 * or the SHA-256 of the body when content-based deduplication is on).
 */
final class QueueSends {

  private static final Pattern FIFO_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");

  /**
   * A validated message on its way into a queue; on a FIFO queue its deduplication id is always
   * present, given or the body's SHA-256.
   */
  record Outgoing(
      String body,
      SortedMap<String, Value> attributes,
      SortedMap<String, Value> systemAttributes,
      Optional<Duration> delay,
      Optional<String> groupId,
      Optional<String> deduplicationId,
      String senderId) {

    /** The key of FIFO deduplication, by queue or by message group; empty on standard queues. */
    Optional<String> deduplicationKey(QueueAttributes queue) {
      if (!queue.fifo()) {
        return Optional.empty();
      }
      return Optional.of(QueueDeduplication.key(queue, groupId, deduplicationId.orElseThrow()));
    }

    QueueMessage.Content content(long seq, long now, boolean fifo, QueueAttributes queue) {
      return QueueMessage.Content.of(
          messageId(),
          body,
          attributes,
          systemAttributes,
          now,
          senderId,
          groupId,
          deduplicationId,
          fifo ? Optional.of(sequenceNumber(seq)) : Optional.empty(),
          Optional.empty());
    }
  }

  private QueueSends() {}

  /**
   * Checks one message against the queue's rules.
   *
   * @throws dev.gust.core.AwsException with AWS's error for the first rule it breaks
   */
  static Outgoing validate(
      QueueAttributes queue,
      Optional<String> body,
      SortedMap<String, Value> attributes,
      SortedMap<String, Value> systemAttributes,
      Optional<Integer> delaySeconds,
      Optional<String> groupId,
      Optional<String> deduplicationId,
      String senderId) {
    if (body.isEmpty() || body.get().isEmpty()) {
      throw SqsErrors.missing("MessageBody");
    }
    String text = body.get();
    int invalid = MessageAttributes.firstInvalid(text);
    if (invalid >= 0) {
      throw SqsErrors.INVALID_MESSAGE_CONTENTS.exception(
          "Invalid binary character '#x%s' was found in the message body, the set of allowed"
              + " characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to"
              + " #x10FFFF",
          Integer.toHexString(invalid).toUpperCase(java.util.Locale.ROOT));
    }
    int size = MessageAttributes.utf8Length(text) + MessageAttributes.size(attributes);
    if (size > queue.maximumMessageSize()) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "One or more parameters are invalid. Reason: Message must be shorter than %d bytes.",
          queue.maximumMessageSize());
    }
    Optional<Duration> delay = Optional.empty();
    if (delaySeconds.isPresent()) {
      int seconds = delaySeconds.get();
      if (seconds < 0 || seconds > 900) {
        throw SqsErrors.invalidParameter(
            "DelaySeconds", seconds, "DelaySeconds must be >= 0 and <= 900.");
      }
      if (queue.fifo() && seconds > 0) {
        throw SqsErrors.invalidParameter(
            "DelaySeconds",
            seconds,
            "The request include parameter that is not valid for this queue type.");
      }
      delay = Optional.of(Duration.ofSeconds(seconds));
    }
    if (queue.fifo()) {
      if (groupId.isEmpty()) {
        throw SqsErrors.missing("MessageGroupId");
      }
      checkFifoId("MessageGroupId", groupId.get());
      if (deduplicationId.isPresent()) {
        checkFifoId("MessageDeduplicationId", deduplicationId.get());
      } else if (queue.contentBasedDeduplication()) {
        deduplicationId = Optional.of(Digests.sha256Hex(text));
      } else {
        throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
            "The queue should either have ContentBasedDeduplication enabled or"
                + " MessageDeduplicationId provided explicitly");
      }
    } else {
      if (deduplicationId.isPresent()) {
        throw SqsErrors.invalidParameter(
            "MessageDeduplicationId",
            deduplicationId.get(),
            "The request include parameter that is not valid for this queue type.");
      }
      if (groupId.isPresent()) {
        checkFifoId("MessageGroupId", groupId.get());
      }
    }
    return new Outgoing(
        text, attributes, systemAttributes, delay, groupId, deduplicationId, senderId);
  }

  private static void checkFifoId(String parameter, String value) {
    if (!FIFO_ID.matcher(value).matches()) {
      throw SqsErrors.invalidParameter(
          parameter,
          value,
          parameter
              + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
    }
  }

  /** A FIFO sequence number: 20 digits, increasing with the order of sends. */
  static String sequenceNumber(long seq) {
    return String.format("%020d", 18_000_000_000_000_000L + seq);
  }

  /** A random (version 4) UUID; ThreadLocalRandom spares the lock of SecureRandom. */
  static String messageId() {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(high, low).toString();
  }
}
