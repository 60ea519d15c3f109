package dev.gust.worker;

import dev.gust.core.Scheduler;
import dev.gust.runtimes.Invocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides which execution environment serves each invocation, across the node's workers: a
 * provisioned one of the invoked version or alias if one is idle, else the most recently used idle
 * one of the function version, else a new one (a cold start) on the worker with the most free
 * memory, within the function's scaling rate. Idle environments are shut down after the keep-alive;
 * provisioned ones are kept until their configuration goes, and replaced when they fail.
 *
 * <p>Implementation notes. All bookkeeping (idle pools, where each environment lives, memory in use
 * per worker, scaling buckets, provisioned sets) sits under one lock that is held only to claim or
 * return an environment, never while one starts, runs or stops: those calls go to the {@link
 * Worker} outside the lock, and stops run on background threads. An environment is in at most one
 * idle pool, and is claimed by one invocation at a time because claiming removes it from its pool.
 * Memory is reserved before a cold start and released when the environment is forgotten, so that
 * concurrent cold starts never overcommit a worker. Time comes from the injected {@link Scheduler}:
 * the reaper is a task on it.
 */
public final class WorkerManager implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WorkerManager.class.getName());

  /**
   * @param keepAlive how long an idle on-demand environment is kept before it is shut down
   * @param scalingBurst new environments a function may start per {@code scalingWindow}
   */
  public record Settings(Duration keepAlive, int scalingBurst, Duration scalingWindow) {

    /** Lambda's scaling rate: 1,000 new environments per 10 seconds; 10 minutes keep-alive. */
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(10), 1000, Duration.ofSeconds(10));
    }

    public Settings withKeepAlive(Duration duration) {
      return new Settings(duration, scalingBurst, scalingWindow);
    }

    public Settings withScaling(int burst, Duration window) {
      return new Settings(keepAlive, burst, window);
    }
  }

  /** Told how the allocation of a provisioned-concurrency configuration goes. */
  public interface ProvisioningListener {

    /** {@code ready} of the {@code requested} environments are initialized and kept warm. */
    void progress(int ready, int requested);

    /** An environment could not be allocated: Lambda's status reason. */
    void failed(String reason);
  }

  private record Idle(EnvironmentId id, Instant since) {}

  private record Placed(Worker worker, FunctionSpec spec, Optional<ProvisionedSet> set) {}

  private record Claim(
      Optional<EnvironmentId> warm,
      Optional<Worker> coldOn,
      boolean provisioned,
      boolean spillover) {}

  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final Scheduler scheduler;
  private final Settings settings;
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<FunctionSpec, Deque<Idle>> idle = new HashMap<>();
  private final Map<EnvironmentId, Placed> placed = new HashMap<>();
  private final Map<String, Long> usedMb = new HashMap<>();
  private final Map<String, TokenBucket> scaling = new HashMap<>();
  private final Map<String, ProvisionedSet> provisioned = new HashMap<>();
  private boolean closed;
  private Scheduler.Cancellable reaper;

  public WorkerManager(List<Worker> workers, Scheduler scheduler, Settings settings) {
    workers.forEach(worker -> this.workers.put(worker.id(), worker));
    this.scheduler = scheduler;
    this.settings = settings;
    scheduleReaper();
  }

  /** Told which kind of environment an invocation got, before it runs there. */
  @FunctionalInterface
  public interface ClaimListener {
    ClaimListener NONE = (provisioned, spillover) -> {};

    void claimed(boolean provisioned, boolean spillover);
  }

  /** {@link #invoke(FunctionSpec, Optional, Invocation, ClaimListener)} with no listener. */
  public Dispatched invoke(
      FunctionSpec spec, Optional<String> provisionedKey, Invocation invocation) {
    return invoke(spec, provisionedKey, invocation, ClaimListener.NONE);
  }

  /**
   * Runs the invocation in an environment of {@code spec}.
   *
   * @param provisionedKey the version or alias the caller invoked, whose provisioned environments
   *     serve first
   * @param listener told once an environment is claimed (not when a capacity limit refuses one)
   * @throws CapacityException when a new environment was needed and could not be had
   */
  public Dispatched invoke(
      FunctionSpec spec,
      Optional<String> provisionedKey,
      Invocation invocation,
      ClaimListener listener) {
    Claim claim = claim(spec, provisionedKey);
    listener.claimed(claim.provisioned(), claim.spillover());
    EnvironmentId environment;
    if (claim.warm().isPresent()) {
      environment = claim.warm().get();
    } else {
      Worker worker = claim.coldOn().orElseThrow();
      try {
        environment = worker.start(spec, InitializationType.ON_DEMAND);
      } catch (EnvironmentStartException e) {
        release(worker, spec.memoryMb());
        return new Dispatched(Invoked.failed(e.failure()), true, false, claim.spillover());
      }
      remember(environment, new Placed(worker, spec, Optional.empty()));
    }
    Invoked invoked;
    try {
      invoked = workers.get(environment.worker()).invoke(environment, invocation);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "environment " + environment + " failed", e);
      returned(environment, false);
      throw e;
    }
    returned(environment, invoked.reusable());
    return new Dispatched(
        invoked, claim.coldOn().isPresent(), claim.provisioned(), claim.spillover());
  }

  private Claim claim(FunctionSpec spec, Optional<String> provisionedKey) {
    List<EnvironmentId> evicted = new ArrayList<>();
    lock.lock();
    try {
      Optional<ProvisionedSet> set =
          provisionedKey.map(provisioned::get).filter(s -> s.spec().equals(spec));
      if (set.isPresent() && !set.get().idle().isEmpty()) {
        return new Claim(Optional.of(set.get().idle().pollFirst()), Optional.empty(), true, false);
      }
      Deque<Idle> pool = idle.get(spec);
      if (pool != null && !pool.isEmpty()) {
        return new Claim(
            Optional.of(pool.pollFirst().id()), Optional.empty(), false, set.isPresent());
      }
      TokenBucket bucket =
          scaling.computeIfAbsent(
              spec.functionArn(),
              arn ->
                  new TokenBucket(
                      settings.scalingBurst(), settings.scalingWindow(), scheduler.clock()));
      if (!bucket.tryTake()) {
        throw new CapacityException(
            CapacityException.Reason.SCALING_RATE,
            "Rate Exceeded. "
                + spec.functionName()
                + " may start at most "
                + settings.scalingBurst()
                + " new execution environments per "
                + settings.scalingWindow().toSeconds()
                + " seconds.");
      }
      Worker worker = place(spec.memoryMb(), evicted);
      return new Claim(Optional.empty(), Optional.of(worker), false, set.isPresent());
    } finally {
      lock.unlock();
      stopLater(evicted);
    }
  }

  /**
   * The worker with the most free memory that fits {@code memoryMb}, with the memory reserved on
   * it. When none fits, idle on-demand environments are shut down, least recently used first, until
   * one does. Called under the lock.
   */
  private Worker place(int memoryMb, List<EnvironmentId> evicted) {
    Optional<Worker> best = roomiest(memoryMb);
    if (best.isEmpty()) {
      List<Idle> oldest = new ArrayList<>();
      idle.values().forEach(oldest::addAll);
      oldest.sort(Comparator.comparing(Idle::since));
      for (Iterator<Idle> it = oldest.iterator(); best.isEmpty() && it.hasNext(); ) {
        EnvironmentId victim = it.next().id();
        idle.get(placed.get(victim).spec()).removeIf(i -> i.id().equals(victim));
        forget(victim);
        evicted.add(victim);
        best = roomiest(memoryMb);
      }
    }
    Worker worker =
        best.orElseThrow(
            () ->
                new CapacityException(
                    CapacityException.Reason.MEMORY,
                    "Gust has no memory left for another "
                        + memoryMb
                        + " MB execution environment: "
                        + describeUsage()));
    usedMb.merge(worker.id(), (long) memoryMb, Long::sum);
    return worker;
  }

  private Optional<Worker> roomiest(int memoryMb) {
    Worker best = null;
    long bestFree = memoryMb - 1;
    for (Worker worker : workers.values()) {
      long free = worker.capacityMb() - usedMb.getOrDefault(worker.id(), 0L);
      if (free > bestFree) {
        best = worker;
        bestFree = free;
      }
    }
    return Optional.ofNullable(best);
  }

  private String describeUsage() {
    List<String> parts = new ArrayList<>();
    for (Worker worker : workers.values()) {
      parts.add(
          worker.id()
              + " uses "
              + usedMb.getOrDefault(worker.id(), 0L)
              + " of "
              + worker.capacityMb()
              + " MB");
    }
    return String.join(", ", parts) + " (every environment is busy or provisioned).";
  }

  private void remember(EnvironmentId environment, Placed where) {
    lock.lock();
    try {
      placed.put(environment, where);
    } finally {
      lock.unlock();
    }
  }

  /** An invocation ended: the environment goes back to its pool, or is forgotten. */
  private void returned(EnvironmentId environment, boolean reusable) {
    Optional<ProvisionedSet> replace = Optional.empty();
    boolean stop = false;
    lock.lock();
    try {
      Placed where = placed.get(environment);
      if (where == null) {
        return;
      }
      Optional<ProvisionedSet> set = where.set();
      if (reusable && !closed && set.map(s -> s.holds(environment)).orElse(true)) {
        if (set.isPresent()) {
          set.get().idle().addFirst(environment);
        } else {
          idle.computeIfAbsent(where.spec(), s -> new ArrayDeque<>())
              .addFirst(new Idle(environment, scheduler.clock().instant()));
        }
        return;
      }
      forget(environment);
      stop = reusable;
      if (!reusable && set.isPresent() && !set.get().retired()) {
        replace = set;
      }
    } finally {
      lock.unlock();
    }
    if (stop) {
      stopLater(List.of(environment));
    }
    replace.ifPresent(this::allocateLater);
  }

  /** Drops what the manager knows of an environment and frees its memory. Under the lock. */
  private void forget(EnvironmentId environment) {
    Placed where = placed.remove(environment);
    if (where != null) {
      usedMb.merge(where.worker().id(), (long) -where.spec().memoryMb(), Long::sum);
      where.set().ifPresent(set -> set.remove(environment));
    }
  }

  private void release(Worker worker, int memoryMb) {
    lock.lock();
    try {
      usedMb.merge(worker.id(), (long) -memoryMb, Long::sum);
    } finally {
      lock.unlock();
    }
  }

  private void stopLater(List<EnvironmentId> environments) {
    for (EnvironmentId environment : environments) {
      background.execute(() -> workers.get(environment.worker()).stop(environment));
    }
  }

  /**
   * Keeps {@code count} initialized environments of {@code spec} for the version or alias {@code
   * key}, replacing what was provisioned for it before; invocations of that key use them first.
   */
  public void provision(String key, FunctionSpec spec, int count, ProvisioningListener listener) {
    ProvisionedSet set = new ProvisionedSet(spec, count, listener);
    lock.lock();
    try {
      Optional.ofNullable(provisioned.put(key, set)).ifPresent(this::retire);
    } finally {
      lock.unlock();
    }
    listener.progress(0, count);
    for (int i = 0; i < count; i++) {
      allocateLater(set);
    }
  }

  /** Releases the provisioned environments of {@code key}; busy ones finish their invocation. */
  public void deprovision(String key) {
    lock.lock();
    try {
      Optional.ofNullable(provisioned.remove(key)).ifPresent(this::retire);
    } finally {
      lock.unlock();
    }
  }

  /** Marks a set retired and shuts its idle environments down. Under the lock. */
  private void retire(ProvisionedSet set) {
    set.retire();
    List<EnvironmentId> idleMembers = List.copyOf(set.idle());
    idleMembers.forEach(this::forget);
    stopLater(idleMembers);
  }

  private void allocateLater(ProvisionedSet set) {
    background.execute(() -> allocate(set));
  }

  /** Starts and initializes one environment for a provisioned set. */
  private void allocate(ProvisionedSet set) {
    FunctionSpec spec = set.spec();
    Worker worker;
    List<EnvironmentId> evicted = new ArrayList<>();
    lock.lock();
    try {
      if (set.retired() || closed) {
        return;
      }
      worker = place(spec.memoryMb(), evicted);
    } catch (CapacityException e) {
      set.listener().failed("INSUFFICIENT_CAPACITY: " + e.getMessage());
      return;
    } finally {
      lock.unlock();
      stopLater(evicted);
    }
    EnvironmentId environment;
    try {
      environment = worker.start(spec, InitializationType.PROVISIONED_CONCURRENCY);
    } catch (EnvironmentStartException e) {
      release(worker, spec.memoryMb());
      set.listener().failed("FUNCTION_ERROR_INIT_FAILED: " + e.failure().message());
      return;
    }
    remember(environment, new Placed(worker, spec, Optional.of(set)));
    Optional<InvokeOutcome> failure = worker.initialize(environment);
    if (failure.isPresent()) {
      // The worker has stopped it. Not replaced: the same code would fail the same way, and the
      // configuration reports FAILED until it is put again.
      lock.lock();
      try {
        forget(environment);
      } finally {
        lock.unlock();
      }
      set.listener().failed("FUNCTION_ERROR_INIT_FAILED: " + describe(failure.get()));
      return;
    }
    int ready;
    lock.lock();
    try {
      if (set.retired() || closed) {
        forget(environment);
        ready = -1;
      } else {
        ready = set.join(environment);
      }
    } finally {
      lock.unlock();
    }
    if (ready < 0) {
      stopLater(List.of(environment));
    } else {
      set.listener().progress(ready, set.requested());
    }
  }

  private static String describe(InvokeOutcome outcome) {
    return switch (outcome) {
      case InvokeOutcome.InitFailed f -> f.errorType();
      case InvokeOutcome.SandboxFailed f -> f.errorType() + " " + f.message();
      default -> outcome.toString();
    };
  }

  private void scheduleReaper() {
    Duration keepAlive = settings.keepAlive();
    Duration period = keepAlive.dividedBy(10);
    if (period.compareTo(Duration.ofSeconds(10)) > 0) {
      period = Duration.ofSeconds(10);
    } else if (period.compareTo(Duration.ofMillis(10)) < 0) {
      period = Duration.ofMillis(10);
    }
    reaper =
        scheduler.schedule(
            period,
            () -> {
              reap();
              lock.lock();
              try {
                if (!closed) {
                  scheduleReaper();
                }
              } finally {
                lock.unlock();
              }
            });
  }

  /** Shuts down on-demand environments idle for longer than the keep-alive. */
  void reap() {
    List<EnvironmentId> expired = new ArrayList<>();
    lock.lock();
    try {
      Instant cutoff = scheduler.clock().instant().minus(settings.keepAlive());
      for (Iterator<Deque<Idle>> pools = idle.values().iterator(); pools.hasNext(); ) {
        Deque<Idle> pool = pools.next();
        while (!pool.isEmpty() && !pool.peekLast().since().isAfter(cutoff)) {
          EnvironmentId environment = pool.pollLast().id();
          forget(environment);
          expired.add(environment);
        }
        if (pool.isEmpty()) {
          pools.remove();
        }
      }
      scaling.values().removeIf(TokenBucket::full);
    } finally {
      lock.unlock();
    }
    stopLater(expired);
  }

  /** Idle provisioned environments, of every configuration. */
  int idleProvisioned() {
    lock.lock();
    try {
      return provisioned.values().stream().mapToInt(set -> set.idle().size()).sum();
    } finally {
      lock.unlock();
    }
  }

  /** Environments the manager knows of, idle or busy, on every worker. */
  public int environmentCount() {
    lock.lock();
    try {
      return placed.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      reaper.cancel();
    } finally {
      lock.unlock();
    }
    background.shutdownNow();
    workers.values().forEach(Worker::close);
  }
}
