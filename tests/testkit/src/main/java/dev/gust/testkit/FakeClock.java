package dev.gust.testkit;

import dev.gust.core.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock that only moves when a test advances it, and a scheduler on that clock: {@link #advance}
 * runs, in the advancing thread and in time order, every task that has come due. Thread-safe.
 */
public final class FakeClock implements InstantSource, Scheduler {

  private record Task(Instant due, long sequence, Runnable action) {}

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::sequence));
  private Instant now;
  private long sequence;

  public FakeClock(Instant start) {
    this.now = start;
  }

  public static FakeClock at(String isoInstant) {
    return new FakeClock(Instant.parse(isoInstant));
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public InstantSource clock() {
    return this;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable action) {
    Task task = new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, action);
    tasks.add(task);
    return () -> {
      synchronized (this) {
        tasks.remove(task);
      }
    };
  }

  /** Runs the task at once, on the caller's thread, if {@code due} has passed already. */
  @Override
  public Cancellable scheduleAt(Instant due, Runnable action) {
    Task task;
    synchronized (this) {
      if (due.isAfter(now)) {
        task = new Task(due, sequence++, action);
        tasks.add(task);
      } else {
        task = null;
      }
    }
    if (task == null) {
      action.run();
      return () -> {};
    }
    return () -> {
      synchronized (this) {
        tasks.remove(task);
      }
    };
  }

  /** Tasks scheduled and not yet run nor cancelled. */
  public synchronized int pendingTasks() {
    return tasks.size();
  }

  /** When the tasks scheduled and not yet run nor cancelled are due. */
  public synchronized List<Instant> pendingDue() {
    return tasks.stream().map(Task::due).sorted().toList();
  }

  /** Moves time forward, running each task that comes due at its own instant. */
  public void advance(Duration duration) {
    Instant target;
    synchronized (this) {
      target = now.plus(duration);
    }
    while (true) {
      List<Task> due = new ArrayList<>();
      synchronized (this) {
        Task next = tasks.peek();
        if (next == null || next.due().isAfter(target)) {
          now = target;
          return;
        }
        now = next.due();
        while (!tasks.isEmpty() && !tasks.peek().due().isAfter(now)) {
          due.add(tasks.poll());
        }
      }
      due.forEach(task -> task.action().run());
    }
  }
}
