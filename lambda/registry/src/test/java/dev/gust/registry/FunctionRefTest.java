package dev.gust.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.AwsException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way clients name a function, one row each. */
class FunctionRefTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      value = {
        "my-function,                                                   -,         my-function, -,       -",
        "my-function:prod,                                              -,         my-function, prod,    -",
        "my-function:$LATEST,                                           -,         my-function, $LATEST, -",
        "my-function,                                                   7,         my-function, 7,       -",
        "123456789012:function:my-function,                             -,         my-function, -,       -",
        "123456789012:function:my-function:3,                           -,         my-function, 3,       -",
        "arn:aws:lambda:eu-west-1:123456789012:function:my-function,    -,         my-function, -,       eu-west-1",
        "arn:aws:lambda:us-east-1:000000000000:function:f_1:live,      live,      f_1,         live,    us-east-1",
      })
  void parses(String text, String qualifierParam, String name, String qualifier, String region) {
    FunctionRef ref = FunctionRef.parse(text, Optional.ofNullable(qualifierParam), 256);
    assertThat(ref.name()).isEqualTo(name);
    assertThat(ref.qualifier()).isEqualTo(Optional.ofNullable(qualifier));
    assertThat(ref.region()).isEqualTo(Optional.ofNullable(region));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      value = {
        "bad name,               -,    ValidationException",
        "my.function,            -,    ValidationException",
        "fn:,                    -,    ValidationException",
        "fn:a:b:c:d,             -,    ValidationException",
        "fn,                     a b,  ValidationException",
        "fn:prod,                live, InvalidParameterValueException",
      })
  void rejects(String text, String qualifierParam, String errorCode) {
    assertThatThrownBy(() -> FunctionRef.parse(text, Optional.ofNullable(qualifierParam), 256))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.type().code()).isEqualTo(errorCode));
  }

  @org.junit.jupiter.api.Test
  void namesLongerThan64CharactersAreRejected() {
    assertThatThrownBy(() -> FunctionRef.parse("f".repeat(65), Optional.empty(), 140))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> assertThat(e.getMessage()).contains("length less than or equal to 64"));
  }
}
