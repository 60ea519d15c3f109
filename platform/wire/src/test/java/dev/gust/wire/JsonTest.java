package dev.gust.wire;

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

  @ParameterizedTest
  @ValueSource(strings = {"{}", " [1, {\"a\": null}] ", "\"text\"", "12.5", "null"})
  void oneJsonValueHasTheShapeOfAValue(String document) {
    assertThat(Json.shape(document.getBytes(UTF_8))).isEqualTo(Json.Shape.VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"a\": ", "{} {}", "1 2", "[1,]", "\"open"})
  void anythingButOneValueIsNotJson(String document) {
    assertThat(Json.shape(document.getBytes(UTF_8))).isEqualTo(Json.Shape.NOT_JSON);
  }

  @Test
  void whitespaceIsEmpty() {
    assertThat(Json.shape(new byte[0])).isEqualTo(Json.Shape.EMPTY);
    assertThat(Json.shape(" \n".getBytes(UTF_8))).isEqualTo(Json.Shape.EMPTY);
  }

  @Test
  void theSyntaxCheckReadsTheFirstValueThroughAndExplainsWhatIsWrong() throws Exception {
    Json.checkSyntax("{\"a\": [1, 2, {\"b\": \"c\"}]}".getBytes(UTF_8));
    Json.checkSyntax(new byte[0]);
    assertThatThrownBy(() -> Json.checkSyntax("{\"a\": [1, 2}".getBytes(UTF_8)))
        .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class)
        .hasMessageContaining("Unexpected close marker '}'");
    assertThatThrownBy(() -> Json.checkSyntax("{\"a\": ".getBytes(UTF_8)))
        .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class)
        .hasMessageContaining("end-of-input");
  }
}
