package dev.gust.registry;

import dev.gust.core.Scope;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The asynchronous invocation configurations the event path reads for every event, cached until the
 * registry's next write, as {@link Targets} caches what the invoke path reads: an event then costs
 * no database read.
 *
 * <p>Implementation notes. An entry remembers the write count ({@link Transactions#generation})
 * read before the database was; any write since makes it stale. A read racing a write may thus
 * cache a value that is already stale, but never serve it. Absent configurations are cached too.
 * The cache is dropped whole when it holds more than {@link #MAX_ENTRIES} entries.
 */
final class EventInvokeConfigCache {

  private static final int MAX_ENTRIES = 10_000;

  private record Key(Scope scope, String functionName, String qualifier) {}

  private record Entry(long generation, Optional<EventInvokeConfig> config) {}

  private final Transactions tx;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  EventInvokeConfigCache(Transactions tx) {
    this.tx = tx;
  }

  Optional<EventInvokeConfig> get(Scope scope, String functionName, String qualifier) {
    Key key = new Key(scope, functionName, qualifier);
    long generation = tx.generation();
    Entry entry = entries.get(key);
    if (entry != null && entry.generation() == generation) {
      return entry.config();
    }
    if (entries.size() > MAX_ENTRIES) {
      entries.clear();
    }
    Optional<EventInvokeConfig> config =
        tx.read(scope, store -> store.eventInvokeConfigs().find(functionName, qualifier));
    entries.put(key, new Entry(generation, config));
    return config;
  }
}
