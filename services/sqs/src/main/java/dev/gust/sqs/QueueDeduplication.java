package dev.gust.sqs;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The FIFO deduplication window of one queue: for five minutes after a message was sent, another
 * send with the same deduplication id (in the queue, or in the message group when {@code
 * DeduplicationScope} is {@code messageGroup}) is accepted but not stored, and answered with the
 * first message's id and sequence number. Not thread-safe: its queue calls it under its lock.
 */
final class QueueDeduplication {

  /** FIFO deduplication lasts five minutes. */
  static final Duration WINDOW = Duration.ofMinutes(5);

  private record Seen(QueueMessage.Content content, long expiresAt) {}

  /** In send order, so that expiry only ever looks at the oldest entries. */
  private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>();

  /** The key of a message's deduplication id in the queue's scope. */
  static String key(QueueAttributes queue, Optional<String> groupId, String deduplicationId) {
    return queue.deduplicationPerGroup()
        ? groupId.orElse("") + "\u0000" + deduplicationId
        : deduplicationId;
  }

  /** The first message sent with this key in the last five minutes. */
  Optional<QueueMessage.Content> find(String key, long now) {
    Iterator<Seen> oldest = seen.values().iterator();
    while (oldest.hasNext() && oldest.next().expiresAt() <= now) {
      oldest.remove();
    }
    return Optional.ofNullable(seen.get(key)).map(Seen::content);
  }

  /** Starts the window of a message sent (or loaded) with this key. */
  void remember(String key, QueueMessage.Content content) {
    long expiresAt = content.sentMillis() + WINDOW.toMillis();
    seen.putIfAbsent(key, new Seen(content, expiresAt));
  }

  /** Ends a window early: the send that opened it failed. */
  void forget(String key) {
    seen.remove(key);
  }
}
