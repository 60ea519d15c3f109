package dev.gust.async;

import dev.gust.core.Arn;
import dev.gust.core.Ownership;
import dev.gust.core.RequestIds;
import dev.gust.core.Scheduler;
import dev.gust.core.Scope;
import dev.gust.delivery.Delivery;
import dev.gust.delivery.Target;
import dev.gust.invoke.EventInvocations;
import dev.gust.invoke.InvokePath;
import dev.gust.invoke.InvokeResult;
import dev.gust.invoke.Lineage;
import dev.gust.metrics.Metrics;
import dev.gust.registry.Arns;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.Registry;
import dev.gust.store.Database;
import dev.gust.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lambda's asynchronous invocation: the durable event queue and its pollers.
 *
 * <p>An event is accepted once it is a row of the {@link EventStore}. It then waits in its
 * function's {@link Lane} until the lane's window lets it run, and is invoked through the same
 * {@link InvokePath} as a synchronous call (limits, environments, metrics). A throttle (no
 * concurrency, no capacity, the function still pending) pauses the function's lane, exponentially
 * from 1 second to 5 minutes, with the event back at its head; a function error is retried {@code
 * MaximumRetryAttempts} times, 1 and then 2 minutes later; an event older than {@code
 * MaximumEventAgeInSeconds} at its next attempt expires. The end of every event is routed by {@link
 * Outcomes}. A restart resumes every stored event: processing is at least once, and the events that
 * may run twice are those in flight at a crash, which the restart counts ({@code
 * AsyncEventsResumed}). Only the functions this node owns ({@link Ownership.Kind#FUNCTION}) get a
 * lane here: the events of the others are stored and left for the node that owns them.
 *
 * <p>Implementation notes: each attempt runs on a virtual thread; delays are timers of the injected
 * {@link Scheduler}, so tests advance a fake clock. The store is written through a group commit: an
 * accept waits for its row to be committed, retries and removals do not.
 */
public final class EventQueue implements EventInvocations, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EventQueue.class.getName());

  private final EventStore store;
  private final Registry registry;
  private final InvokePath path;
  private final EventPolicy.Source policies;
  private final Outcomes outcomes;
  private final Metrics metrics;
  private final Scheduler scheduler;
  private final Ownership ownership;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public EventQueue(
      Database database,
      Registry registry,
      InvokePath path,
      EventPolicy.Source policies,
      Delivery delivery,
      Metrics metrics,
      Scheduler scheduler,
      Ownership ownership) {
    this.store = new EventStore(database);
    this.registry = registry;
    this.path = path;
    this.policies = policies;
    this.outcomes = new Outcomes(delivery, metrics);
    this.metrics = metrics;
    this.scheduler = scheduler;
    this.ownership = ownership;
    delivery.register(Target.Function.class, this::deliver);
  }

  /** Resumes every stored event this node owns: those due at once, the others at their time. */
  public void start() {
    List<AsyncEvent> stored = store.all().stream().filter(this::owned).toList();
    if (!stored.isEmpty()) {
      LOG.info("resuming " + stored.size() + " asynchronous events");
    }
    for (AsyncEvent event : stored) {
      metrics.count("AsyncEventsResumed", target(event));
      schedule(event);
    }
  }

  @Override
  public void accept(InvokePath.Target target, byte[] payload, String requestId, int lineage) {
    Instant now = scheduler.clock().instant();
    AsyncEvent event =
        new AsyncEvent(
            requestId,
            target.home(),
            target.version().functionName(),
            target.qualifier(),
            payload,
            now,
            0,
            now,
            lineage);
    try {
      store.put(event).join();
    } catch (CompletionException e) {
      throw new StoreException("cannot store the event", e.getCause());
    }
    metrics.count("AsyncEventsReceived", target(event));
    schedule(event);
  }

  /** An asynchronous invoke of the function {@code arn} names: a destination or a subscription. */
  private void deliver(Target.Function function, Delivery.Message message) {
    Arn arn = function.arn();
    byte[] payload = message.body().getBytes(StandardCharsets.UTF_8);
    if (payload.length > MAX_EVENT_PAYLOAD) {
      throw Delivery.UNDELIVERABLE.exception(
          "The event is larger than %d bytes", MAX_EVENT_PAYLOAD);
    }
    FunctionRef ref = registry.parseReference(arn.toString(), Optional.empty());
    switch (path.resolve(new Scope(arn.account(), arn.region()), ref)) {
      case InvokePath.Target target ->
          accept(target, payload, RequestIds.next(), message.lineage());
      case InvokeResult.NotFound missing ->
          throw Delivery.UNDELIVERABLE.exception("Function not found: %s", missing.arn());
      case InvokeResult.Pending pending ->
          throw Delivery.UNDELIVERABLE.exception(
              "The operation cannot be performed at this time. The function is currently in the"
                  + " following state: Pending");
    }
  }

  private void schedule(AsyncEvent event) {
    if (event.due().isAfter(scheduler.clock().instant())) {
      scheduler.scheduleAt(event.due(), () -> ready(event));
    } else {
      ready(event);
    }
  }

  private void ready(AsyncEvent event) {
    if (closed || !owned(event)) {
      return;
    }
    Lane lane = lanes.computeIfAbsent(event.lane(), k -> new Lane());
    lane.offer(event);
    pump(lane);
  }

  private void pump(Lane lane) {
    for (Optional<AsyncEvent> next = lane.next(scheduler.clock().instant());
        next.isPresent();
        next = lane.next(scheduler.clock().instant())) {
      AsyncEvent event = next.get();
      Thread.ofVirtual().name("gust-async-" + event.functionName()).start(() -> run(event, lane));
    }
  }

  /** Runs one attempt, then lets the lane go on: at once, or after its pause if throttled. */
  private void run(AsyncEvent event, Lane lane) {
    Attempt attempt = Attempt.NOTHING_RAN;
    try {
      attempt = attempt(event, lane);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "asynchronous event " + event.requestId() + " failed", e);
    } finally {
      if (attempt.throttled()) {
        scheduler.scheduleAt(lane.throttled(event, scheduler.clock().instant()), () -> pump(lane));
      } else if (attempt.ran().isPresent()) {
        lane.ran(attempt.ran().get());
      } else {
        lane.done();
      }
      if (!closed) {
        pump(lane);
      }
    }
  }

  /**
   * What an attempt came to: throttled (the event goes back to its lane), or ended, after the
   * function ran for {@code ran} if it was invoked.
   */
  private record Attempt(boolean throttled, Optional<Duration> ran) {
    static final Attempt THROTTLED = new Attempt(true, Optional.empty());
    static final Attempt NOTHING_RAN = new Attempt(false, Optional.empty());
  }

  /** Runs one attempt of the event and decides what comes next. */
  private Attempt attempt(AsyncEvent waiting, Lane lane) {
    AsyncEvent event = waiting.moveTo(AsyncEvent.Stage.RUNNING);
    Instant now = scheduler.clock().instant();
    EventPolicy policy =
        policies.find(event.scope(), event.functionName(), event.configQualifier());
    InvokePath.Target target;
    switch (path.resolve(event.scope(), ref(event))) {
      case InvokePath.Target resolved -> target = resolved;
      case InvokeResult.Refusal refusal -> {
        return refused(event, refusal);
      }
    }
    lane.cap(target.reservedConcurrency());
    Ending ending =
        new Ending(
            target.functionArn() + ":" + event.configQualifier(),
            policy,
            target.version().deadLetterTargetArn());
    Duration age = Duration.between(event.received(), now);
    if (age.compareTo(policy.maximumEventAge()) > 0) {
      finish(event, ending, Outcomes.Condition.EVENT_AGE_EXCEEDED, Optional.empty());
      return Attempt.NOTHING_RAN;
    }
    if (event.lineage() >= Lineage.MAX_DEPTH) {
      LOG.warning(
          "stopping a recursive loop: event "
              + event.requestId()
              + " of "
              + event.functionName()
              + " follows "
              + event.lineage()
              + " invocations");
      metrics.count("RecursiveInvocationsDropped", target(event));
      finish(event, ending, Outcomes.Condition.RETRIES_EXHAUSTED, Optional.empty());
      return Attempt.NOTHING_RAN;
    }
    metrics.record("AsyncEventAge", target(event), age.toMillis());
    InvokeResult result =
        path.invoke(
            new InvokePath.Request(
                event.scope(),
                ref(event),
                event.payload(),
                Optional.empty(),
                event.requestId(),
                event.lineage()));
    if (closed) {
      // The node is stopping: the stored event runs again after restart.
      event.moveTo(waiting.stage());
      return Attempt.NOTHING_RAN;
    }
    return switch (result) {
      case InvokeResult.Ran ran -> ran(event, ran, policy, ending, now);
      case InvokeResult.Refusal refusal -> refused(event, refusal);
    };
  }

  /** The function ran: the event succeeded, is retried later, or has exhausted its retries. */
  private Attempt ran(
      AsyncEvent event, InvokeResult.Ran ran, EventPolicy policy, Ending ending, Instant now) {
    AsyncEvent tried = event.invokedAgainAt(now.plus(Duration.ofMinutes(event.attempts() + 1)));
    Outcomes.Response response = Outcomes.Response.of(ran, event.requestId(), now);
    if (response.succeeded()) {
      finish(tried, ending, Outcomes.Condition.SUCCESS, Optional.of(response));
    } else if (tried.attempts() <= policy.maximumRetryAttempts()) {
      AsyncEvent retrying = tried.moveTo(AsyncEvent.Stage.RETRYING);
      store.put(retrying);
      schedule(retrying);
    } else {
      finish(tried, ending, Outcomes.Condition.RETRIES_EXHAUSTED, Optional.of(response));
    }
    return new Attempt(false, Optional.of(ran.dispatched().invoked().duration()));
  }

  /** Where an event's end is routed: the ARN its record names, its policy, its DLQ. */
  private record Ending(String functionArn, EventPolicy policy, Optional<String> deadLetterQueue) {}

  private void finish(
      AsyncEvent event,
      Ending ending,
      Outcomes.Condition condition,
      Optional<Outcomes.Response> response) {
    event.moveTo(
        condition == Outcomes.Condition.SUCCESS
            ? AsyncEvent.Stage.SUCCEEDED
            : AsyncEvent.Stage.FAILED);
    outcomes.ended(
        event,
        ending.functionArn(),
        condition,
        response,
        ending.policy(),
        ending.deadLetterQueue(),
        scheduler.clock().instant());
    store.remove(event.requestId());
  }

  /**
   * The invoke path refused the event: a refusal that passes with time sends it back to its lane,
   * which pauses; the function or its version being gone drops it.
   */
  private Attempt refused(AsyncEvent event, InvokeResult.Refusal refusal) {
    return switch (Outcomes.refused(refusal)) {
      case RETRIED -> {
        event.moveTo(event.attempts() == 0 ? AsyncEvent.Stage.QUEUED : AsyncEvent.Stage.RETRYING);
        yield Attempt.THROTTLED;
      }
      case DROPPED -> {
        event.moveTo(AsyncEvent.Stage.DROPPED);
        LOG.warning(
            "dropping asynchronous event "
                + event.requestId()
                + " of "
                + event.functionName()
                + ": "
                + refusal);
        metrics.count("AsyncEventsDropped", target(event));
        store.remove(event.requestId());
        yield Attempt.NOTHING_RAN;
      }
    };
  }

  private boolean owned(AsyncEvent event) {
    return ownership.owns(
        Ownership.Kind.FUNCTION,
        Arns.function(event.scope(), event.functionName(), Optional.empty()));
  }

  private static FunctionRef ref(AsyncEvent event) {
    FunctionRef ref = FunctionRef.unqualified(event.functionName());
    return event.qualifier().map(ref::withQualifier).orElse(ref);
  }

  private static Metrics.Target target(AsyncEvent event) {
    return Metrics.Target.of(event.functionName(), event.qualifier(), false);
  }

  /** Stops taking events; attempts in flight end unrouted, and their events stay stored. */
  @Override
  public void close() {
    closed = true;
    store.close();
  }
}
