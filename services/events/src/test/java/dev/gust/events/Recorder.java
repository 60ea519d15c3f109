package dev.gust.events;

import dev.gust.core.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Deliveries.Handler} that records what it is handed, and refuses the first {@code
 * failures} messages so that tests see retries.
 */
final class Recorder implements Deliveries.Handler {

  record Delivery(String arn, Deliveries.Message message) {}

  private final List<Delivery> delivered = new ArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger attempts = new AtomicInteger();

  /** Refuses the next {@code count} messages. */
  void failNext(int count) {
    failures.set(count);
  }

  @Override
  public synchronized void deliver(Arn target, Deliveries.Message message) {
    attempts.incrementAndGet();
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw Deliveries.UNDELIVERABLE.exception("refused on purpose");
    }
    delivered.add(new Delivery(target.toString(), message));
  }

  synchronized List<Delivery> delivered() {
    return List.copyOf(delivered);
  }

  synchronized List<String> bodies() {
    return delivered.stream().map(d -> d.message().body()).toList();
  }

  int attempts() {
    return attempts.get();
  }
}
