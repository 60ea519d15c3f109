package dev.gust.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.AwsException;
import dev.gust.testkit.Zips;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodePackageTest {

  @Test
  void measuresTheRealUnzippedSize() {
    assertThat(CodePackage.validate(Zips.of(Map.of("a.py", "12345", "lib/b.py", "123"))))
        .isEqualTo(8);
  }

  @Test
  void refusesBytesThatAreNotAZip() {
    assertRefused(new byte[] {1, 2, 3, 4, 5}, "Could not unzip");
    assertRefused(new byte[0], "Could not unzip");
  }

  @Test
  void refusesEntriesThatEscapeTheTaskRoot() {
    for (String name : new String[] {"../x", "a/../../x", "/etc/passwd", "..\\win", "C:/x"}) {
      Map<String, String> entries = new LinkedHashMap<>();
      entries.put("ok.py", "");
      entries.put(name, "x");
      assertRefused(Zips.of(entries), "outside the function's directory");
    }
  }

  @Test
  void stopsInflatingAZipBombAtTheLimit() {
    byte[] bomb = Zips.bomb(10 * 1024 * 1024);
    assertThatThrownBy(() -> CodePackage.validate(bomb, 1024 * 1024))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> assertThat(e.getMessage()).contains("Unzipped size must be smaller than 1048576"));
    assertThat(CodePackage.validate(bomb, 11 * 1024 * 1024)).isEqualTo(10 * 1024 * 1024);
  }

  private static void assertRefused(byte[] zip, String message) {
    assertThatThrownBy(() -> CodePackage.validate(zip))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.type().code()).isEqualTo("InvalidParameterValueException");
              assertThat(e.getMessage()).contains(message);
            });
  }
}
