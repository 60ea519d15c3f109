package dev.gust.eventbridge;

import dev.gust.delivery.Delivery;
import dev.gust.delivery.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Delivery.Handler} that records what it is handed, and refuses the first {@code failures}
 * messages so that tests see retries.
 */
final class Recorder implements Delivery.Handler<Target> {

  record Delivered(String arn, Delivery.Message message) {}

  private final List<Delivered> delivered = new ArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();

  /** Refuses the next {@code count} messages. */
  void failNext(int count) {
    failures.set(count);
  }

  @Override
  public synchronized void deliver(Target target, Delivery.Message message) {
    attempts.incrementAndGet();
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw Delivery.UNDELIVERABLE.exception("refused on purpose");
    }
    delivered.add(new Delivered(target.arn().toString(), message));
  }

  synchronized List<Delivered> delivered() {
    return List.copyOf(delivered);
  }

  synchronized List<String> bodies() {
    return delivered.stream().map(d -> d.message().body()).toList();
  }

  int attempts() {
    return attempts.get();
  }
}
