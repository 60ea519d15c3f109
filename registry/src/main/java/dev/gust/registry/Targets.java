package dev.gust.registry;

import dev.gust.core.Scope;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the invoke path reads of a reference on every invocation ({@link Registry.Target}), cached
 * until the registry's next write: an invocation then costs no database read.
 *
 * <p>Implementation notes. An entry remembers the write count ({@link Transactions#generation})
 * read before the database was; any write since makes it stale. A read racing a write may thus
 * cache a value that is already stale, but never serve it. The cache is dropped whole when it holds
 * more than {@link #MAX_ENTRIES} references.
 */
final class Targets {

  private static final int MAX_ENTRIES = 10_000;

  /** Resolves a reference inside a read transaction. */
  @FunctionalInterface
  interface Resolver {
    Resolved resolve(FunctionStore store, FunctionRef ref) throws SQLException;
  }

  private record Key(Scope scope, FunctionRef ref) {}

  private record Entry(long generation, Registry.Target target) {}

  private final Transactions tx;
  private final Limits limits;
  private final Resolver resolver;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  Targets(Transactions tx, Limits limits, Resolver resolver) {
    this.tx = tx;
    this.limits = limits;
    this.resolver = resolver;
  }

  Registry.Target get(Scope scope, FunctionRef ref) {
    Key key = new Key(scope, ref);
    long generation = tx.generation();
    Entry entry = entries.get(key);
    if (entry != null && entry.generation() == generation) {
      return entry.target();
    }
    if (entries.size() > MAX_ENTRIES) {
      entries.clear();
    }
    Registry.Target target = read(scope, ref);
    entries.put(key, new Entry(generation, target));
    return target;
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
