package dev.gust.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  private static final ErrorType INVALID = ErrorType.user("InvalidRequestContentException", 400);

  record CreateFunction(String functionName, Integer memorySize) {}

  private static CreateFunction read(String body) {
    return Json.pascalCase()
        .read(body.getBytes(UTF_8), CreateFunction.class, INVALID, "Bad body: ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"FunctionName\": ",
        "not json",
        "{\"FunctionName\": \"f\", \"MemorySize\": \"128\"}",
        "{\"MemorySize\": true}",
        "[1, 2]",
        "null",
      })
  void invalidBodyRaisesGivenErrorType(String body) {
    assertThatThrownBy(() -> read(body))
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.type()).isEqualTo(INVALID))
        .hasMessageStartingWith("Bad body: ");
  }

  @Test
  void jsonNullBodyIsExplained() {
    assertThatThrownBy(() -> read("null")).hasMessageContaining("JSON null");
  }

  @Test
  void emptyBodyReadsAsEmptyObject() {
    assertThat(read("")).isEqualTo(new CreateFunction(null, null));
  }

  @Test
  void pascalCaseMapsComponentNames() {
    assertThat(read("{\"FunctionName\": \"f\", \"MemorySize\": 128, \"Unknown\": 1}"))
        .isEqualTo(new CreateFunction("f", 128));
    assertThat(new String(Json.pascalCase().write(new CreateFunction("f", null)), UTF_8))
        .isEqualTo("{\"FunctionName\":\"f\"}");
  }

  @Test
  void camelCaseKeepsComponentNames() {
    assertThat(new String(Json.camelCase().write(new CreateFunction("f", 1)), UTF_8))
        .isEqualTo("{\"functionName\":\"f\",\"memorySize\":1}");
  }
}
