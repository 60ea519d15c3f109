package dev.gust.registry;

import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import java.util.Optional;

/**
 * What the invoke path reads of a reference on every invocation ({@link Registry.Lookup}), cached
 * until the registry's next write ({@link GenerationCache}): an invocation then costs no database
 * read, and neither does one of a function that does not exist. Only the functions this node owns
 * are cached.
 */
final class Targets {

  private record Key(Scope scope, FunctionRef ref) {}

  private final Transactions tx;
  private final Limits limits;
  private final GenerationCache<Key, Registry.Lookup> cache;

  Targets(Transactions tx, Ownership ownership, Limits limits) {
    this.tx = tx;
    this.limits = limits;
    this.cache =
        new GenerationCache<>(
            tx,
            ownership,
            key ->
                Arns.function(
                    Transactions.in(key.scope(), key.ref()), key.ref().name(), Optional.empty()));
  }

  Registry.Lookup get(Scope scope, FunctionRef ref) {
    return cache.get(new Key(scope, ref), () -> read(scope, ref));
  }

  private Registry.Lookup read(Scope scope, FunctionRef ref) {
    return tx.read(
        Transactions.in(scope, ref),
        store -> {
          Optional<FunctionStore.Row> row = store.find(ref.name());
          if (row.isEmpty()) {
            return new Registry.Lookup.Missing(
                Arns.function(store.scope(), ref.name(), Optional.empty()));
          }
          Optional<Resolved> resolved = Resolved.find(store, row.get(), ref);
          if (resolved.isEmpty()) {
            return new Registry.Lookup.Missing(
                Arns.function(store.scope(), ref.name(), ref.qualifier()));
          }
          int pool = (int) (limits.accountConcurrency() - store.reservedConcurrencyTotal());
          return new Registry.Lookup.Found(resolved.get(), row.get().reservedConcurrency(), pool);
        });
  }
}
