package dev.gust.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The digests against the published test vectors (FIPS 180-2, RFC 1321). */
class DigestsTest {

  @ParameterizedTest
  @CsvSource({
    "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  })
  void sha256(String text, String hex) {
    assertThat(Digests.sha256Hex(text)).isEqualTo(hex);
    assertThat(Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(hex);
    assertThat(Digests.sha256(text.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(HexFormat.of().parseHex(hex));
  }

  @ParameterizedTest
  @CsvSource({
    "'', d41d8cd98f00b204e9800998ecf8427e",
    "abc, 900150983cd24fb0d6963f7d28e17f72",
  })
  void md5(String text, String hex) {
    assertThat(Digests.md5Hex(text)).isEqualTo(hex);
  }

  @ParameterizedTest
  @CsvSource({"a, bc", "'', abc", "ab, c"})
  void md5FedInPartsDigestsTheWhole(String first, String second) {
    var digest = Digests.md5();
    digest.update(first.getBytes(StandardCharsets.UTF_8));
    digest.update(second.getBytes(StandardCharsets.UTF_8));

    assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(Digests.md5Hex("abc"));
  }
}
