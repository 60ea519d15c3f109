package dev.gust.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

  private static final String ALIAS = "/2015-03-31/functions/{FunctionName}/aliases/{Name}";

  @ParameterizedTest(name = "{0} matches {1} -> FunctionName={2}, Name={3}")
  @CsvSource({
    "'/2015-03-31/functions', /2015-03-31/functions, , ",
    "'" + ALIAS + "', /2015-03-31/functions/my-fn/aliases/live, my-fn, live",
    "'"
        + ALIAS
        + "', /2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000"
        + "%3Afunction%3Amy-fn/aliases/live,"
        + " arn:aws:lambda:us-east-1:000000000000:function:my-fn, live",
    "'" + ALIAS + "', /2015-03-31/functions/a%2Fb/aliases/live, a/b, live",
    "'" + ALIAS + "', /2015-03-31/functions/my-fn/aliases/live/, my-fn, live",
    "'" + ALIAS + "', /2015-03-31/functions/a+b/aliases/x%20y, a+b, x y",
  })
  void matches(String template, String rawPath, String functionName, String name) {
    Map<String, String> params = PathTemplate.parse(template).match(rawPath).orElseThrow();

    if (functionName == null) {
      assertThat(params).isEmpty();
    } else {
      assertThat(params)
          .containsExactly(Map.entry("FunctionName", functionName), Map.entry("Name", name));
    }
  }

  @ParameterizedTest(name = "{0} does not match {1}")
  @CsvSource({
    "/2015-03-31/functions, /2015-03-31/layers",
    "/2015-03-31/functions, /2015-03-31/functions/extra",
    "'" + ALIAS + "', /2015-03-31/functions/my-fn/aliases",
    "'" + ALIAS + "', /2015-03-31/functions/my-fn/aliases/live/more",
    "'" + ALIAS + "', /2015-03-31/functions//aliases/live",
    "'" + ALIAS + "', /2015-03-31/functions/my-fn/versions/live",
    "/2015-03-31/functions/{FunctionName}, /2015-03-31/functions/",
  })
  void doesNotMatch(String template, String rawPath) {
    assertThat(PathTemplate.parse(template).match(rawPath)).isEmpty();
  }
}
