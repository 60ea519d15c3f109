package dev.gust.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Event patterns and filter policies, one row per case. */
class PatternsTest {

  private final PatternMatcher matcher = new PatternMatcher();
  private final SubscriptionFilter filter = new SubscriptionFilter(matcher);

  record Attribute(String type, String value) implements SubscriptionFilter.Attribute {}

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"source\":[\"shop\"]}                  | {\"source\":\"shop\"}             | true",
        "{\"source\":[\"shop\"]}                  | {\"source\":\"bank\"}             | false",
        "{\"detail\":{\"n\":[{\"numeric\":[\">\",1]}]}} | {\"detail\":{\"n\":2}}      | true",
        "{\"detail\":{\"n\":[{\"numeric\":[\">\",1]}]}} | {\"detail\":{\"n\":1}}      | false",
        "{\"source\":[{\"prefix\":\"sh\"}]}       | {\"source\":\"shop\"}             | true",
      })
  void patternsMatchEvents(String pattern, String event, boolean matches) throws Exception {
    assertThat(PatternMatcher.problem(pattern)).isEmpty();
    assertThat(matcher.matches(pattern, JsonMapper.builder().build().readTree(event)))
        .isEqualTo(matches);
  }

  @Test
  void anInvalidPatternHasAProblem() {
    assertThat(PatternMatcher.problem("{\"source\":\"not-a-list\"}")).isPresent();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "                                     | MessageAttributes | true",
        "{\"color\":[\"red\"]}                | MessageAttributes | true",
        "{\"color\":[\"blue\"]}               | MessageAttributes | false",
        "{\"size\":[{\"numeric\":[\">=\",3]}]} | MessageAttributes | true",
        "{\"tags\":[\"b\"]}                   | MessageAttributes | true",
        "{\"blob\":[{\"exists\":true}]}        | MessageAttributes | false",
        "{\"order\":[\"o-1\"]}                | MessageBody       | true",
        "{\"order\":[\"o-2\"]}                | MessageBody       | false",
      })
  void filterPoliciesSeeAttributesOrTheBody(String policy, String scope, boolean accepted) {
    Map<String, Attribute> attributes =
        Map.of(
            "color", new Attribute("String", "red"),
            "size", new Attribute("Number", "3.0"),
            "tags", new Attribute("String.Array", "[\"a\",\"b\"]"),
            "blob", new Attribute("Binary", "AAE="));

    assertThat(
            filter.accepts(
                Optional.ofNullable(policy),
                scope.equals(SubscriptionFilter.SCOPE_BODY),
                "{\"order\":\"o-1\"}",
                attributes))
        .isEqualTo(accepted);
  }

  @Test
  void aBodyPolicyRefusesAMessageThatIsNoJsonObject() {
    assertThat(filter.accepts(Optional.of("{\"order\":[\"o-1\"]}"), true, "plain text", Map.of()))
        .isFalse();
  }
}
