package dev.gust.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Ownership;
import dev.gust.store.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's cache serves from memory only what this node owns, and only until a write. */
class GenerationCacheTest {

  static final String PREFIX = "arn:aws:lambda:us-east-1:000000000000:function:";

  @TempDir Path dir;
  final AtomicInteger reads = new AtomicInteger();
  final List<String> asked = new ArrayList<>();

  private String read() {
    return "value-" + reads.incrementAndGet();
  }

  @Test
  void anOwnedFunctionIsReadOnceUntilTheNextWrite() {
    try (Database database = Database.sqlite(dir.resolve("gust.db"))) {
      Transactions tx = new Transactions(database);
      GenerationCache<String, String> cache =
          new GenerationCache<>(tx, Ownership.everything(), name -> PREFIX + name);

      assertThat(cache.get("mine", this::read)).isEqualTo("value-1");
      assertThat(cache.get("mine", this::read)).isEqualTo("value-1");
      tx.transaction(RegistryFixture.SCOPE, store -> null);
      assertThat(cache.get("mine", this::read)).isEqualTo("value-2");
    }
  }

  @Test
  void aFunctionThisNodeDoesNotOwnIsReadEveryTime() {
    try (Database database = Database.sqlite(dir.resolve("gust.db"))) {
      Ownership onlyMine =
          (kind, key) -> {
            asked.add(kind + " " + key);
            return key.equals(PREFIX + "mine");
          };
      GenerationCache<String, String> cache =
          new GenerationCache<>(new Transactions(database), onlyMine, name -> PREFIX + name);

      assertThat(cache.get("theirs", this::read)).isEqualTo("value-1");
      assertThat(cache.get("theirs", this::read)).isEqualTo("value-2");
      assertThat(cache.get("mine", this::read)).isEqualTo("value-3");
      assertThat(cache.get("mine", this::read)).isEqualTo("value-3");
      assertThat(asked).first().isEqualTo("FUNCTION " + PREFIX + "theirs");
    }
  }
}
