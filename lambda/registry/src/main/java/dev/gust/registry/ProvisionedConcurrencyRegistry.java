package dev.gust.registry;

import dev.gust.core.Scope;
import dev.gust.core.Violations;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Provisioned concurrency configurations of function versions and aliases: what clients asked for
 * through the Lambda API, stored durably, and what the platform reports it has allocated. {@link
 * ProvisionedRules} holds the rules a configuration must satisfy.
 *
 * <p>Implementation notes. Each operation is one transaction. Operations that change what should be
 * allocated (a put, a delete, deleting a function, version or alias, repointing an alias) record
 * {@link ProvisionedConcurrency.Change}s inside their transaction and hand them to subscribers
 * after it commits, under one lock, so subscribers see changes in commit order and never a change
 * that rolled back. Subscribers run on the caller's thread while that lock is held: they must
 * return quickly and must not wait for another thread that changes configurations. Progress reports
 * change only the allocation numbers and status and are not published.
 */
public final class ProvisionedConcurrencyRegistry {

  private static final Logger LOG =
      Logger.getLogger(ProvisionedConcurrencyRegistry.class.getName());
  private static final int MAX_PAGE = 50;

  private final Transactions tx;
  private final InstantSource clock;
  private final Limits limits;
  private final List<Consumer<ProvisionedConcurrency.Change>> listeners =
      new CopyOnWriteArrayList<>();
  private final ReentrantLock publishing = new ReentrantLock();

  ProvisionedConcurrencyRegistry(Transactions tx, InstantSource clock, Limits limits) {
    this.tx = tx;
    this.clock = clock;
    this.limits = limits;
  }

  /**
   * Puts (creates or replaces) the configuration of a published version or alias. The result is
   * {@link ProvisionedConcurrency.Status#IN_PROGRESS} until the platform reports otherwise; a
   * replaced configuration keeps the allocation numbers last reported.
   */
  public ProvisionedConcurrency put(Scope scope, FunctionRef ref, int requested) {
    Violations violations = new Violations();
    violations.range("provisionedConcurrentExecutions", requested, 1, Integer.MAX_VALUE);
    violations.throwIfAny();
    String qualifier = ProvisionedRules.published(ref, ProvisionedRules.UNPUBLISHED_PUT);
    Scope target = Transactions.in(scope, ref);
    return changing(
        target,
        (store, changes) -> {
          FunctionStore.Row row = Transactions.require(store, ref.name());
          String version = ProvisionedRules.target(store, ref.name(), qualifier);
          ProvisionedRules.checkOverlap(store, ref.name(), qualifier, version);
          ProvisionedRules.checkLimits(store, limits, row, qualifier, requested);
          Optional<ProvisionedConcurrency> current =
              store.provisioned().find(ref.name(), qualifier);
          ProvisionedConcurrency config =
              new ProvisionedConcurrency(
                  target,
                  ref.name(),
                  qualifier,
                  version,
                  requested,
                  current.map(ProvisionedConcurrency::allocated).orElse(0),
                  current.map(ProvisionedConcurrency::available).orElse(0),
                  current
                      .map(c -> ProvisionedConcurrency.Status.TRANSITIONS.fire("put", c.status()))
                      .orElse(ProvisionedConcurrency.Status.IN_PROGRESS),
                  Optional.empty(),
                  clock.instant());
          store.provisioned().put(config);
          changes.add(new ProvisionedConcurrency.Change.Put(config));
          return config;
        });
  }

  /** The configuration of a published version or alias, if it has one. */
  public Optional<ProvisionedConcurrency> get(Scope scope, FunctionRef ref) {
    String qualifier = ProvisionedRules.published(ref, ProvisionedRules.UNPUBLISHED);
    return tx.read(
        Transactions.in(scope, ref),
        store -> {
          Transactions.require(store, ref.name());
          ProvisionedRules.target(store, ref.name(), qualifier);
          return store.provisioned().find(ref.name(), qualifier);
        });
  }

  /** Deletes the configuration of a published version or alias; succeeds if there is none. */
  public void delete(Scope scope, FunctionRef ref) {
    String qualifier = ProvisionedRules.published(ref, ProvisionedRules.UNPUBLISHED);
    Scope target = Transactions.in(scope, ref);
    changing(
        target,
        (store, changes) -> {
          Transactions.require(store, ref.name());
          ProvisionedRules.target(store, ref.name(), qualifier);
          forget(store, ref.name(), Optional.of(qualifier), changes);
          return null;
        });
  }

  /** One page of a function's configurations, in qualifier order; at most 50 a page. */
  public Page<ProvisionedConcurrency> list(
      Scope scope, String functionName, Optional<String> marker, OptionalInt maxItems) {
    FunctionRef ref = FunctionRef.parse(functionName, Optional.empty(), 140);
    Violations violations = new Violations();
    maxItems.ifPresent(m -> violations.range("maxItems", m, 1, MAX_PAGE));
    violations.throwIfAny();
    int limit = maxItems.orElse(MAX_PAGE);
    String after = marker.map(Cursor::decodeText).orElse("");
    return tx.read(
        Transactions.in(scope, ref),
        store -> {
          Transactions.require(store, ref.name());
          List<ProvisionedConcurrency> items =
              store.provisioned().list(ref.name(), after, limit + 1);
          if (items.size() <= limit) {
            return new Page<>(items, Optional.empty());
          }
          List<ProvisionedConcurrency> shown = items.subList(0, limit);
          return new Page<>(shown, Optional.of(Cursor.encodeText(shown.getLast().qualifier())));
        });
  }

  /** Every configuration of every account and region, for the platform to reconcile at startup. */
  public List<ProvisionedConcurrency> all() {
    return tx.readAll(ProvisionedStore::all);
  }

  /**
   * Records the platform's progress on a configuration. A no-op if the configuration was deleted
   * meanwhile; the reason is kept only with {@link ProvisionedConcurrency.Status#FAILED}. The move
   * from the stored status is checked against {@link ProvisionedConcurrency.Status#TRANSITIONS}.
   */
  public void report(
      Scope scope,
      String functionName,
      String qualifier,
      int allocated,
      int available,
      ProvisionedConcurrency.Status status,
      Optional<String> reason) {
    if (allocated < 0 || available < 0 || available > allocated) {
      throw new IllegalArgumentException(
          "allocated " + allocated + " and available " + available + " out of range");
    }
    Optional<String> kept =
        status == ProvisionedConcurrency.Status.FAILED ? reason : Optional.empty();
    tx.transaction(
        scope,
        store -> {
          Optional<ProvisionedConcurrency> current =
              store.provisioned().find(functionName, qualifier);
          if (current.isPresent()) {
            ProvisionedConcurrency.Status.TRANSITIONS.move(current.get().status(), status);
            store.provisioned().report(functionName, qualifier, allocated, available, status, kept);
          }
          return null;
        });
  }

  /** Calls {@code listener} after each committed change, in commit order. */
  public void subscribe(Consumer<ProvisionedConcurrency.Change> listener) {
    listeners.add(listener);
  }

  // ---- hooks for the rest of the registry ---------------------------------------------------

  /** Work that may change configurations; it adds what it changed to {@code changes}. */
  @FunctionalInterface
  interface ChangeWork<T> {
    T run(FunctionStore store, List<ProvisionedConcurrency.Change> changes) throws SQLException;
  }

  /** Runs work in a transaction, then publishes the changes it recorded once it has committed. */
  <T> T changing(Scope scope, ChangeWork<T> work) {
    publishing.lock();
    try {
      List<ProvisionedConcurrency.Change> changes = new ArrayList<>();
      T result =
          tx.transaction(
              scope,
              store -> {
                changes.clear();
                return work.run(store, changes);
              });
      changes.forEach(this::publish);
      return result;
    } finally {
      publishing.unlock();
    }
  }

  /**
   * Deletes the configurations of a function (all of them, or the one of {@code qualifier}) because
   * it, or its version or alias, is going away.
   */
  static void forget(
      FunctionStore store,
      String name,
      Optional<String> qualifier,
      List<ProvisionedConcurrency.Change> changes)
      throws SQLException {
    List<String> qualifiers =
        qualifier.isPresent()
            ? List.of(qualifier.get())
            : store.provisioned().ofFunction(name).stream()
                .map(ProvisionedConcurrency::qualifier)
                .toList();
    for (String q : qualifiers) {
      if (store.provisioned().delete(name, q)) {
        changes.add(new ProvisionedConcurrency.Change.Deleted(store.scope(), name, q));
      }
    }
  }

  /**
   * Follows an alias that was repointed: its configuration, if it has one, must still be valid for
   * the new version and goes back to {@link ProvisionedConcurrency.Status#IN_PROGRESS}.
   */
  static void aliasChanged(
      FunctionStore store, Alias before, Alias after, List<ProvisionedConcurrency.Change> changes)
      throws SQLException {
    boolean moved =
        !before.functionVersion().equals(after.functionVersion())
            || !before.additionalVersionWeights().equals(after.additionalVersionWeights());
    Optional<ProvisionedConcurrency> config =
        moved ? store.provisioned().find(after.functionName(), after.name()) : Optional.empty();
    if (config.isEmpty()) {
      return;
    }
    ProvisionedRules.checkOverlap(
        store, after.functionName(), after.name(), after.functionVersion());
    ProvisionedConcurrency next = config.get().inProgress();
    store.provisioned().put(next);
    changes.add(new ProvisionedConcurrency.Change.Put(next));
  }

  private void publish(ProvisionedConcurrency.Change change) {
    for (Consumer<ProvisionedConcurrency.Change> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "provisioned concurrency subscriber failed on " + change, e);
      }
    }
  }
}
