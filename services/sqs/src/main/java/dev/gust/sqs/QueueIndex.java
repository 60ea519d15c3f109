package dev.gust.sqs;

import dev.gust.sqs.QueueMessage.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where each message of one queue is: all live messages in send order, the visible ones (standard
 * queues), the hidden ones (delayed or in flight) by the instant they become visible, and for FIFO
 * queues the messages of each group and the groups with a message in flight.
 *
 * <p>Not thread-safe: its {@link Queue} calls it under the queue's lock. It changes message states
 * only through {@link QueueMessage#become}, so every move follows the declared lifecycle.
 */
final class QueueIndex {

  private final boolean fifo;
  private final TreeMap<Long, QueueMessage> messages = new TreeMap<>();
  private final TreeMap<Long, QueueMessage> visible = new TreeMap<>();
  private final TreeSet<QueueMessage> hidden = new TreeSet<>(QueueMessage.BY_VISIBLE_AT);
  private final LinkedHashMap<String, TreeMap<Long, QueueMessage>> groups = new LinkedHashMap<>();
  private final Map<String, Integer> groupsInFlight = new HashMap<>();
  private int delayed;
  private int inFlight;

  QueueIndex(boolean fifo) {
    this.fifo = fifo;
  }

  /** Adds a new or loaded message: hidden until its {@code visibleAt}, visible after. */
  void add(QueueMessage message, long now) {
    messages.put(message.seq, message);
    if (fifo) {
      groups.computeIfAbsent(group(message), g -> new TreeMap<>()).put(message.seq, message);
    }
    if (message.visibleAt > now) {
      message.become(message.receiveCount > 0 ? State.IN_FLIGHT : State.DELAYED);
      if (message.state == State.IN_FLIGHT) {
        countInFlight(message, 1);
      } else {
        delayed++;
      }
      hidden.add(message);
    } else {
      message.become(State.VISIBLE);
      if (!fifo) {
        visible.put(message.seq, message);
      }
    }
  }

  QueueMessage get(long seq) {
    return messages.get(seq);
  }

  /** The oldest live message, or {@code null}. */
  QueueMessage oldest() {
    return messages.isEmpty() ? null : messages.firstEntry().getValue();
  }

  /** The instant the first hidden message becomes visible. */
  OptionalLong nextDue() {
    return hidden.isEmpty() ? OptionalLong.empty() : OptionalLong.of(hidden.first().visibleAt);
  }

  /** Makes hidden messages whose time has come visible; returns whether any did. */
  boolean promote(long now) {
    boolean any = false;
    while (!hidden.isEmpty() && hidden.first().visibleAt <= now) {
      QueueMessage message = hidden.pollFirst();
      if (message.state == State.DELAYED) {
        delayed--;
      } else {
        countInFlight(message, -1);
      }
      message.become(State.VISIBLE);
      if (!fifo) {
        visible.put(message.seq, message);
      }
      any = true;
    }
    return any;
  }

  /**
   * Up to {@code max} messages a receive may take now, in order: the oldest visible ones, or on a
   * FIFO queue the leading visible messages of each group that has none in flight.
   */
  List<QueueMessage> receivable(int max) {
    List<QueueMessage> result = new ArrayList<>();
    if (!fifo) {
      for (QueueMessage message : visible.values()) {
        if (result.size() == max) {
          break;
        }
        result.add(message);
      }
      return result;
    }
    for (Map.Entry<String, TreeMap<Long, QueueMessage>> group : groups.entrySet()) {
      if (groupsInFlight.containsKey(group.getKey())) {
        continue;
      }
      for (QueueMessage message : group.getValue().values()) {
        if (result.size() == max || message.state != State.VISIBLE) {
          break;
        }
        result.add(message);
      }
      if (result.size() == max) {
        break;
      }
    }
    return result;
  }

  /** Hides a visible message until {@code visibleAt}: a receive took it. */
  void takeInFlight(QueueMessage message, long visibleAt) {
    if (!fifo) {
      visible.remove(message.seq);
    }
    message.become(State.IN_FLIGHT);
    message.visibleAt = visibleAt;
    hidden.add(message);
    countInFlight(message, 1);
  }

  /** Moves the instant an in-flight message becomes visible again. */
  void reschedule(QueueMessage message, long visibleAt) {
    message.become(State.IN_FLIGHT);
    hidden.remove(message);
    message.visibleAt = visibleAt;
    hidden.add(message);
  }

  /** Drops a message (deleted, expired or moved); returns whether it unblocked its FIFO group. */
  boolean remove(QueueMessage message) {
    messages.remove(message.seq);
    boolean unblocked = false;
    switch (message.state) {
      case VISIBLE -> visible.remove(message.seq);
      case DELAYED -> {
        hidden.remove(message);
        delayed--;
      }
      case IN_FLIGHT -> {
        hidden.remove(message);
        countInFlight(message, -1);
        unblocked = fifo && !groupsInFlight.containsKey(group(message));
      }
    }
    if (fifo) {
      TreeMap<Long, QueueMessage> members = groups.get(group(message));
      if (members != null) {
        members.remove(message.seq);
        if (members.isEmpty()) {
          groups.remove(group(message));
        }
      }
    }
    return unblocked;
  }

  void clear() {
    messages.clear();
    visible.clear();
    hidden.clear();
    groups.clear();
    groupsInFlight.clear();
    delayed = 0;
    inFlight = 0;
  }

  int visibleCount() {
    return messages.size() - delayed - inFlight;
  }

  Queue.Counts counts() {
    return new Queue.Counts(visibleCount(), inFlight, delayed);
  }

  private void countInFlight(QueueMessage message, int change) {
    inFlight += change;
    if (fifo) {
      String group = group(message);
      groupsInFlight.merge(group, change, Integer::sum);
      groupsInFlight.remove(group, 0);
    }
  }

  private static String group(QueueMessage message) {
    return message.content.groupId().orElse("");
  }
}
