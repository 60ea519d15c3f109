package dev.gust.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values read from the registry's database, kept until the registry's next write, so that what a
 * hot path reads over and over costs no database read in the steady state.
 *
 * <p>Implementation notes. An entry remembers the write count ({@link Transactions#generation})
 * read before the database was; any write since makes it stale. A read racing a write may thus
 * cache a value that is already stale, but never serve it. A read that fails caches nothing. The
 * cache is dropped whole when it holds more than {@link #MAX_ENTRIES} entries.
 */
final class GenerationCache<K, V> {

  private static final int MAX_ENTRIES = 10_000;

  private record Entry<V>(long generation, V value) {}

  private final Transactions tx;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

  GenerationCache(Transactions tx) {
    this.tx = tx;
  }

  /** The value of {@code key}: cached if no write happened since, else {@code read} now. */
  V get(K key, Supplier<V> read) {
    long generation = tx.generation();
    Entry<V> entry = entries.get(key);
    if (entry != null && entry.generation() == generation) {
      return entry.value();
    }
    if (entries.size() > MAX_ENTRIES) {
      entries.clear();
    }
    V value = read.get();
    entries.put(key, new Entry<>(generation, value));
    return value;
  }
}
