package dev.gust.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobStoreTest {

  @TempDir Path dir;

  private List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void putReturnsHexSha256AndGetReturnsContent() throws Exception {
    byte[] content = "zip bytes".getBytes(UTF_8);
    BlobStore store = new BlobStore(dir);

    String key = store.put(content);

    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    assertThat(key).isEqualTo(expected);
    assertThat(store.get(key)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
    assertThat(new BlobStore(dir).get(key)).isPresent();
  }

  @Test
  void putIsIdempotent() throws IOException {
    BlobStore store = new BlobStore(dir);
    byte[] content = "same".getBytes(UTF_8);

    String first = store.put(content);
    String second = store.put(content);

    assertThat(second).isEqualTo(first);
    assertThat(files()).containsExactly(first);
    assertThat(store.get(first)).hasValueSatisfying(b -> assertThat(b).isEqualTo(content));
  }

  @Test
  void getOfMissingKeyIsEmpty() {
    assertThat(new BlobStore(dir).get(Digests.sha256Hex(new byte[] {1}))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "../../etc/passwd",
        "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
        "g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
      })
  void pathRejectsNonKeys(String key) {
    BlobStore store = new BlobStore(dir);

    assertThatThrownBy(() -> store.path(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.get(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retainOnlyDeletesUnreferencedBlobsAndTemporaryFiles() throws IOException {
    BlobStore store = new BlobStore(dir);
    String live = store.put("live".getBytes(UTF_8));
    String dead = store.put("dead".getBytes(UTF_8));
    Files.write(dir.resolve(live + "123.tmp"), new byte[] {1, 2});

    store.retainOnly(Set.of(live));

    assertThat(files()).containsExactly(live);
    assertThat(store.get(live)).isPresent();
    assertThat(store.get(dead)).isEmpty();
  }
}
