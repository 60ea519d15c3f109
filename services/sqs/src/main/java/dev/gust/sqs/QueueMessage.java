package dev.gust.sqs;

import dev.gust.core.StateMachine;
import dev.gust.sqs.MessageAttributes.Value;
import java.util.Comparator;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One message in a queue: what was sent, which never changes, and where it is in its lifecycle,
 * which changes under its queue's lock only.
 *
 * <p>Lifecycle: a message starts {@link State#DELAYED} (when it has a delay) or {@link
 * State#VISIBLE}; a receive makes it {@link State#IN_FLIGHT}; its visibility timeout running out
 * makes it visible again; a delete, a purge, a move to the dead-letter queue or the end of its
 * retention period removes it. {@link State#TRANSITIONS} declares those transitions.
 */
final class QueueMessage {

  /** Where a message is: waiting out its delay, ready for a receive, or received. */
  enum State {
    DELAYED,
    VISIBLE,
    IN_FLIGHT;

    static final StateMachine<State> TRANSITIONS =
        StateMachine.declare("queue message", State.class)
            .on("delay over", DELAYED, VISIBLE)
            .on("received", VISIBLE, IN_FLIGHT)
            .on("visibility timeout", IN_FLIGHT, VISIBLE)
            .on("visibility changed", IN_FLIGHT, IN_FLIGHT)
            .build();
  }

  /** Orders hidden messages by the instant they become visible. */
  static final Comparator<QueueMessage> BY_VISIBLE_AT =
      Comparator.<QueueMessage>comparingLong(m -> m.visibleAt).thenComparingLong(m -> m.seq);

  /** What the sender sent and the queue assigned, fixed for the message's life. */
  record Content(
      String messageId,
      String body,
      SortedMap<String, Value> attributes,
      SortedMap<String, Value> systemAttributes,
      long sentMillis,
      String senderId,
      Optional<String> groupId,
      Optional<String> deduplicationId,
      Optional<String> sequenceNumber,
      Optional<String> deadLetterSourceArn,
      String md5OfBody,
      Optional<String> md5OfAttributes) {

    /** Content whose digests are computed here, once for the message's life. */
    static Content of(
        String messageId,
        String body,
        SortedMap<String, Value> attributes,
        SortedMap<String, Value> systemAttributes,
        long sentMillis,
        String senderId,
        Optional<String> groupId,
        Optional<String> deduplicationId,
        Optional<String> sequenceNumber,
        Optional<String> deadLetterSourceArn) {
      return new Content(
          messageId,
          body,
          attributes,
          systemAttributes,
          sentMillis,
          senderId,
          groupId,
          deduplicationId,
          sequenceNumber,
          deadLetterSourceArn,
          MessageAttributes.md5(body),
          attributes.isEmpty() ? Optional.empty() : Optional.of(MessageAttributes.md5(attributes)));
    }

    /** The same message, moved to a dead-letter queue from the queue {@code sourceArn}. */
    Content movedFrom(String sourceArn) {
      return new Content(
          messageId,
          body,
          attributes,
          systemAttributes,
          sentMillis,
          senderId,
          groupId,
          deduplicationId,
          sequenceNumber,
          Optional.of(sourceArn),
          md5OfBody,
          md5OfAttributes);
    }

    /** Bytes toward the size limits: the body and the message attributes. */
    int size() {
      return MessageAttributes.utf8Length(body) + MessageAttributes.size(attributes);
    }
  }

  final long seq;
  final Content content;

  // Guarded by the queue's lock.
  State state;
  long visibleAt;
  int receiveCount;
  long firstReceiveMillis;
  long lastReceiveMillis;

  QueueMessage(long seq, Content content, long visibleAt, int receiveCount, long firstReceive) {
    this.seq = seq;
    this.content = content;
    this.visibleAt = visibleAt;
    this.receiveCount = receiveCount;
    this.firstReceiveMillis = firstReceive;
  }

  /**
   * Moves to {@code next}, refusing a transition the lifecycle does not declare; a message loaded
   * or sent takes its first state as it is.
   */
  void become(State next) {
    state = state == null ? next : State.TRANSITIONS.move(state, next);
  }
}
