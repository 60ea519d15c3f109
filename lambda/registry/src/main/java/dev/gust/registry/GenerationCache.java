package dev.gust.registry;

import dev.gust.core.Ownership;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Values read from the registry's database, kept until the registry's next write, so that what a
 * hot path reads over and over costs no database read in the steady state.
 *
 * <p>Implementation notes. An entry remembers the write count ({@link Transactions#generation})
 * read before the database was; any write since makes it stale. A read racing a write may thus
 * cache a value that is already stale, but never serve it. A read that fails caches nothing. The
 * cache is dropped whole when it holds more than {@link #MAX_ENTRIES} entries. The write count only
 * sees this node's writes, so values are cached only for functions this node owns ({@link
 * Ownership.Kind#FUNCTION}), whose writes it makes; the others are read every time.
 */
final class GenerationCache<K, V> {

  private static final int MAX_ENTRIES = 10_000;

  private record Entry<V>(long generation, V value) {}

  private final Transactions tx;
  private final Ownership ownership;
  private final Function<K, String> functionArn;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

  /**
   * @param functionArn the unqualified ARN of the function a key belongs to
   */
  GenerationCache(Transactions tx, Ownership ownership, Function<K, String> functionArn) {
    this.tx = tx;
    this.ownership = ownership;
    this.functionArn = functionArn;
  }

  /**
   * The value of {@code key}: cached if no write happened since, else {@code read} now; always
   * {@code read} now if this node does not own the key's function.
   */
  V get(K key, Supplier<V> read) {
    if (!ownership.owns(Ownership.Kind.FUNCTION, functionArn.apply(key))) {
      entries.remove(key);
      return read.get();
    }
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
