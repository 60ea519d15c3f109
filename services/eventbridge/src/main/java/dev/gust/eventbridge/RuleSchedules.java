package dev.gust.eventbridge;

import dev.gust.core.Ownership;
import dev.gust.core.Scheduler;
import dev.gust.core.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The timers of scheduled rules: one per enabled rule with a {@code ScheduleExpression}, armed for
 * its next firing on the injected clock and re-armed from each firing time, so a slow firing does
 * not make the schedule drift. Firings that fell while the node was down are not replayed, as on
 * AWS. Only rules this node owns ({@link Ownership.Kind#RULE}, by ARN) are armed, and a timer fires
 * and re-arms only while the rule is still owned. Thread-safe.
 */
final class RuleSchedules implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RuleSchedules.class.getName());

  /** A rule, named by its scope, bus and name. */
  record Key(Scope scope, String bus, String rule) {}

  /** Emits a rule's scheduled event for the given firing time. */
  @FunctionalInterface
  interface Firing {
    void fire(Key key, Instant time);
  }

  private final Scheduler scheduler;
  private final Ownership ownership;
  private final Firing firing;
  private final Map<Key, Scheduler.Cancellable> timers = new HashMap<>();
  private boolean closed;

  RuleSchedules(Scheduler scheduler, Ownership ownership, Firing firing) {
    this.scheduler = scheduler;
    this.ownership = ownership;
    this.firing = firing;
  }

  /** Arms, re-arms or disarms the rule's timer after the rule was put, enabled or disabled. */
  synchronized void update(Scope scope, BusRule rule) {
    Key key = new Key(scope, rule.bus(), rule.name());
    cancel(key);
    if (!rule.enabled() || rule.scheduleExpression().isEmpty() || !owned(key)) {
      return;
    }
    ScheduleExpression expression = ScheduleExpression.parse(rule.scheduleExpression().get());
    arm(key, expression, Instant.ofEpochMilli(rule.createdMillis()), scheduler.clock().instant());
  }

  synchronized void remove(Scope scope, String bus, String rule) {
    cancel(new Key(scope, bus, rule));
  }

  private boolean owned(Key key) {
    return ownership.owns(Ownership.Kind.RULE, Buses.ruleArn(key.scope(), key.bus(), key.rule()));
  }

  private void cancel(Key key) {
    Scheduler.Cancellable timer = timers.remove(key);
    if (timer != null) {
      timer.cancel();
    }
  }

  private void arm(Key key, ScheduleExpression expression, Instant origin, Instant after) {
    if (closed) {
      return;
    }
    Optional<Instant> next = expression.next(origin, after);
    if (next.isEmpty()) {
      return;
    }
    Instant at = next.get();
    Duration delay = Duration.between(scheduler.clock().instant(), at);
    timers.put(key, scheduler.schedule(delay, () -> fire(key, expression, origin, at)));
  }

  private void fire(Key key, ScheduleExpression expression, Instant origin, Instant at) {
    synchronized (this) {
      if (closed || !owned(key)) {
        timers.remove(key);
        return;
      }
      arm(key, expression, origin, at);
    }
    try {
      firing.fire(key, at);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "scheduled rule " + key + " could not fire at " + at, e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    timers.values().forEach(Scheduler.Cancellable::cancel);
    timers.clear();
  }
}
