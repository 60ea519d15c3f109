package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The disk format of stored documents: changing any of these changes every data directory. */
class DocumentsTest {

  record Stored(String name, Optional<String> note, Instant at, List<Integer> sizes) {}

  static final String STORED =
      "{\"name\":\"Zoë\",\"note\":null,\"at\":1767225600.123000000,\"sizes\":[1,2]}";

  @Test
  void aRecordIsWrittenByComponentNameInDeclarationOrder() {
    Stored value =
        new Stored(
            "Zoë", Optional.empty(), Instant.parse("2026-01-01T00:00:00.123Z"), List.of(1, 2));

    assertThat(Documents.write(value)).isEqualTo(STORED);
    assertThat(Documents.read(STORED, Stored.class)).isEqualTo(value);
  }

  @Test
  void membersAddedByLaterVersionsAreIgnored() {
    String later = STORED.replace("}", ",\"since\":{\"v\":2}}");

    assertThat(Documents.read(later, Stored.class).name()).isEqualTo("Zoë");
  }

  @Test
  void mapsAndTreesRoundTrip() {
    String tags = Documents.write(new TreeMap<>(Map.of("b", "2", "a", "1")));

    assertThat(tags).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    assertThat(Documents.read(tags, new TypeReference<TreeMap<String, String>>() {}))
        .containsEntry("a", "1");
    assertThat(Documents.write(Documents.object().put("k", "v"))).isEqualTo("{\"k\":\"v\"}");
    assertThat(Documents.tree(tags).path("b").asText()).isEqualTo("2");
  }

  @Test
  void anUnreadableDocumentIsACorruptStore() {
    assertThatThrownBy(() -> Documents.read("{\"name\":", Stored.class))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("corrupt stored Stored");
    assertThatThrownBy(() -> Documents.tree("[1,")).isInstanceOf(StoreException.class);
  }
}
