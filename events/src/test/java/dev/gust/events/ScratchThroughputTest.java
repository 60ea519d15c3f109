package dev.gust.events;

import dev.gust.core.Scheduler;
import dev.gust.core.Scope;
import dev.gust.store.Database;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchThroughputTest {
  @TempDir Path dir;

  @Test
  void sends() throws Exception {
    Database db = Database.sqlite(dir.resolve("g.db"));
    Queues queues = Queues.open(db, Scheduler.system(), "http://x");
    Queue q = queues.create(Scope.defaultScope(), "t", Map.of(), Map.of());
    for (int threads : new int[] {1, 8, 32}) {
      AtomicLong left = new AtomicLong(3000);
      long start = System.nanoTime();
      ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor();
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        fs.add(
            ex.submit(
                () -> {
                  while (left.getAndDecrement() > 0) {
                    List<QueueSends.Outgoing> batch = new ArrayList<>();
                    for (int i = 0; i < 10; i++)
                      batch.add(
                          QueueSends.validate(
                              q.attributes(),
                              Optional.of("x".repeat(256)),
                              new TreeMap<>(),
                              new TreeMap<>(),
                              OptionalInt.empty(),
                              Optional.empty(),
                              Optional.empty(),
                              "s"));
                    q.send(batch);
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) f.get();
      double secs = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "threads %d: %.0f msg/s, %.2f ms per batch%n",
          threads, 30000 / secs, secs * 1000 / 3000 * threads);
    }
    queues.close();
    db.close();
  }
}
