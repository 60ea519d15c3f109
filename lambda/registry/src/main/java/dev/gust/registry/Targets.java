package dev.gust.registry;

import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What the invoke path reads of a reference on every invocation ({@link Registry.Target}), cached
 * until the registry's next write ({@link GenerationCache}): an invocation then costs no database
 * read.
 */
final class Targets {

  /** Resolves a reference inside a read transaction. */
  @FunctionalInterface
  interface Resolver {
    Resolved resolve(FunctionStore store, FunctionRef ref) throws SQLException;
  }

  private record Key(Scope scope, FunctionRef ref) {}

  private final Transactions tx;
  private final Limits limits;
  private final Resolver resolver;
  private final GenerationCache<Key, Registry.Target> cache;

  Targets(Transactions tx, Ownership ownership, Limits limits, Resolver resolver) {
    this.tx = tx;
    this.limits = limits;
    this.resolver = resolver;
    this.cache =
        new GenerationCache<>(
            tx,
            ownership,
            key ->
                Arns.function(
                    Transactions.in(key.scope(), key.ref()), key.ref().name(), Optional.empty()));
  }

  Registry.Target get(Scope scope, FunctionRef ref) {
    return cache.get(new Key(scope, ref), () -> read(scope, ref));
  }

  private Registry.Target read(Scope scope, FunctionRef ref) {
    return tx.read(
        Transactions.in(scope, ref),
        store -> {
          FunctionStore.Row row = Transactions.require(store, ref.name());
          int pool = (int) (limits.accountConcurrency() - store.reservedConcurrencyTotal());
          return new Registry.Target(resolver.resolve(store, ref), row.reservedConcurrency(), pool);
        });
  }
}
