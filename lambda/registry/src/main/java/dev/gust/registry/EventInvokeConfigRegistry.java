package dev.gust.registry;

import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import dev.gust.core.Violations;
import java.sql.SQLException;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Asynchronous invocation configurations of functions, versions and aliases: what clients set
 * through the Lambda API, stored durably, and read by the asynchronous invocation path through
 * {@link #find}, which answers from memory until the registry's next write. {@link
 * EventInvokeConfigRules} holds the rules a configuration must satisfy.
 *
 * <p>Each operation is one transaction. Deleting a function deletes its configurations, deleting a
 * version or an alias deletes the configuration on it, in the same transaction.
 */
public final class EventInvokeConfigRegistry {

  private static final int MAX_PAGE = 50;

  /**
   * The settings a {@code PutFunctionEventInvokeConfig} or {@code UpdateFunctionEventInvokeConfig}
   * request gives; an absent one is unset by a put and left as it was by an update.
   */
  public record Settings(
      OptionalInt maximumRetryAttempts,
      OptionalInt maximumEventAgeInSeconds,
      Optional<Destinations> destinationConfig) {

    public Settings {
      Objects.requireNonNull(maximumRetryAttempts);
      Objects.requireNonNull(maximumEventAgeInSeconds);
      Objects.requireNonNull(destinationConfig);
    }
  }

  /**
   * A request's {@code DestinationConfig}: the destination ARNs of its {@code OnSuccess} and {@code
   * OnFailure} members. An empty ARN is no destination.
   */
  public record Destinations(Optional<String> onSuccess, Optional<String> onFailure) {

    public Destinations {
      onSuccess = onSuccess.filter(t -> !t.isEmpty());
      onFailure = onFailure.filter(t -> !t.isEmpty());
    }
  }

  private final Transactions tx;
  private final InstantSource clock;

  /** What {@link #find} answers with, by scope, function name and qualifier. */
  private record CacheKey(Scope scope, String functionName, String qualifier) {}

  private final GenerationCache<CacheKey, Optional<EventInvokeConfig>> cache;

  EventInvokeConfigRegistry(Transactions tx, Ownership ownership, InstantSource clock) {
    this.tx = tx;
    this.clock = clock;
    this.cache =
        new GenerationCache<>(
            tx, ownership, key -> Arns.function(key.scope(), key.functionName(), Optional.empty()));
  }

  /**
   * Puts (creates or replaces) the configuration of a function's {@code $LATEST} (no qualifier), a
   * published version or an alias: settings the request leaves out are removed.
   */
  public EventInvokeConfig put(Scope scope, FunctionRef ref, Settings settings) {
    return write(scope, ref, settings, false);
  }

  /**
   * Changes the settings the request gives and keeps the others; a given {@code DestinationConfig}
   * replaces both destinations. Fails if the version or alias has no configuration yet.
   */
  public EventInvokeConfig update(Scope scope, FunctionRef ref, Settings settings) {
    return write(scope, ref, settings, true);
  }

  /** The configuration of a function, version or alias; empty if it or the function is missing. */
  public Optional<EventInvokeConfig> get(Scope scope, FunctionRef ref) {
    String qualifier = EventInvokeConfigRules.qualifierOf(ref);
    return tx.read(
        Transactions.in(scope, ref),
        store -> store.eventInvokeConfigs().find(ref.name(), qualifier));
  }

  /** Deletes the configuration of a function, version or alias; fails if it has none. */
  public void delete(Scope scope, FunctionRef ref) {
    String qualifier = EventInvokeConfigRules.qualifierOf(ref);
    tx.transaction(
        Transactions.in(scope, ref),
        store -> {
          if (!store.eventInvokeConfigs().delete(ref.name(), qualifier)) {
            throw EventInvokeConfigRules.noConfig(store.scope(), ref.name(), qualifier);
          }
          return null;
        });
  }

  /** One page of the configurations of all qualifiers of a function; at most 50 a page. */
  public Page<EventInvokeConfig> list(
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
          if (store.find(ref.name()).isEmpty()) {
            throw LambdaErrors.NOT_FOUND.exception(EventInvokeConfigRules.FUNCTION_MISSING);
          }
          List<EventInvokeConfig> items =
              store.eventInvokeConfigs().list(ref.name(), after, limit + 1);
          if (items.size() <= limit) {
            return new Page<>(items, Optional.empty());
          }
          List<EventInvokeConfig> shown = items.subList(0, limit);
          return new Page<>(shown, Optional.of(Cursor.encodeText(shown.getLast().qualifier())));
        });
  }

  /**
   * The configuration that applies to an asynchronous invocation of {@code functionName} (a name,
   * not an ARN) with {@code qualifier}: {@code $LATEST} for an unqualified invocation, else the
   * version number or alias name it was invoked with. Answered from memory until the next write to
   * the registry, so the steady state costs no database read; a write is seen at once.
   */
  public Optional<EventInvokeConfig> find(Scope scope, String functionName, String qualifier) {
    return cache.get(
        new CacheKey(scope, functionName, qualifier),
        () -> tx.read(scope, store -> store.eventInvokeConfigs().find(functionName, qualifier)));
  }

  /** Deletes the configurations of a function (all, or the one of {@code qualifier}). */
  static void forget(FunctionStore store, String name, Optional<String> qualifier)
      throws SQLException {
    if (qualifier.isPresent()) {
      store.eventInvokeConfigs().delete(name, qualifier.get());
    } else {
      store.eventInvokeConfigs().deleteAll(name);
    }
  }

  /**
   * Writes the settings over nothing (a put) or over the current configuration, which must exist
   * (an update).
   */
  private EventInvokeConfig write(Scope scope, FunctionRef ref, Settings settings, boolean update) {
    EventInvokeConfigRules.check(settings);
    String qualifier = EventInvokeConfigRules.qualifierOf(ref);
    return tx.transaction(
        Transactions.in(scope, ref),
        store -> {
          EventInvokeConfigRules.requireTarget(store, ref.name(), qualifier);
          Optional<EventInvokeConfig> current =
              update ? store.eventInvokeConfigs().find(ref.name(), qualifier) : Optional.empty();
          if (update && current.isEmpty()) {
            throw EventInvokeConfigRules.noConfig(store.scope(), ref.name(), qualifier);
          }
          if (settings.destinationConfig().isPresent()) {
            EventInvokeConfigRules.checkDestinations(
                store, ref.name(), settings.destinationConfig().get());
          }
          EventInvokeConfig config =
              merged(store.scope(), ref.name(), qualifier, current, settings);
          store.eventInvokeConfigs().put(ref.name(), qualifier, config);
          return config;
        });
  }

  private EventInvokeConfig merged(
      Scope scope, String name, String qualifier, Optional<EventInvokeConfig> current, Settings s) {
    Optional<Destinations> kept = current.map(c -> new Destinations(c.onSuccess(), c.onFailure()));
    Destinations destinations =
        s.destinationConfig()
            .or(() -> kept)
            .orElse(new Destinations(Optional.empty(), Optional.empty()));
    return new EventInvokeConfig(
        Arns.function(scope, name, qualifier),
        s.maximumRetryAttempts().isPresent() || current.isEmpty()
            ? s.maximumRetryAttempts()
            : current.get().maximumRetryAttempts(),
        s.maximumEventAgeInSeconds().isPresent() || current.isEmpty()
            ? s.maximumEventAgeInSeconds()
            : current.get().maximumEventAgeInSeconds(),
        destinations.onSuccess(),
        destinations.onFailure(),
        clock.instant().truncatedTo(ChronoUnit.MILLIS));
  }
}
