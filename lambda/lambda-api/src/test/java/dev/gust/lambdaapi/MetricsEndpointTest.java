package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /_gust/metrics}: Prometheus text with Lambda's metric names, counting what the invoke path
 * did.
 */
class MetricsEndpointTest extends LambdaTestBase {

  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern LINE =
      Pattern.compile(
          "# HELP "
              + NAME
              + " .*"
              + "|# TYPE "
              + NAME
              + " (counter|gauge|summary|histogram|untyped)"
              + "|"
              + NAME
              + "(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\""
              + "(,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\")*})?"
              + " [-+]?([0-9.eE+-]+|NaN|Inf)");

  HttpResponse<String> scrape() throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + "/_gust/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesPrometheusTextWithoutCredentials() throws Exception {
    HttpResponse<String> reply = scrape();

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    List<String> lines = reply.body().lines().filter(line -> !line.isEmpty()).toList();
    assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).matches(LINE));
  }

  @Test
  void accountWideSeriesStartAtZero() throws Exception {
    assertThat(scrape().body().lines())
        .contains(
            "# TYPE lambda_Invocations_total counter",
            "lambda_Invocations_total 0.0",
            "lambda_Errors_total 0.0",
            "lambda_Throttles_total 0.0",
            "lambda_ConcurrentExecutions 0.0",
            "lambda_UnreservedConcurrentExecutions 0.0");
  }

  @Test
  void invocationsErrorsThrottlesAndColdStartsAreCounted() throws Exception {
    createActive("counted");
    lambda.invoke(r -> r.functionName("counted"));
    lambda.invoke(r -> r.functionName("counted"));
    lambda.createFunction(
        function("failing")
            .code(
                c ->
                    c.zipFile(
                        software.amazon.awssdk.core.SdkBytes.fromByteArray(
                            dev.gust.testkit.Zips.python("1/0"))))
            .build());
    waiter.waitUntilFunctionActiveV2(r -> r.functionName("failing"));
    assertThat(lambda.invoke(r -> r.functionName("failing")).functionError())
        .isEqualTo("Unhandled");
    createActive("off");
    lambda.putFunctionConcurrency(r -> r.functionName("off").reservedConcurrentExecutions(0));
    try (var noRetries = dev.gust.testkit.AwsClients.lambdaWithoutRetries(server.url())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> noRetries.invoke(r -> r.functionName("off")));
    }

    List<String> lines = scrape().body().lines().toList();
    assertThat(lines)
        .contains(
            "lambda_Invocations_total 3.0",
            "lambda_Errors_total 1.0",
            "lambda_Throttles_total 1.0",
            "lambda_ConcurrentExecutions 0.0",
            "lambda_Invocations_total{ExecutedVersion=\"$LATEST\",FunctionName=\"counted\","
                + "Resource=\"counted\"} 2.0",
            "lambda_Errors_total{ExecutedVersion=\"$LATEST\",FunctionName=\"failing\","
                + "Resource=\"failing\"} 1.0",
            "lambda_Throttles_total{FunctionName=\"off\",Resource=\"off\"} 1.0",
            "gust_ColdStarts_total{FunctionName=\"counted\",Resource=\"counted\"} 1.0");
    assertThat(lines)
        .anyMatch(
            line ->
                line.startsWith(
                    "lambda_Duration{ExecutedVersion=\"$LATEST\",FunctionName=\"counted\",Resource=\"counted\",quantile=\"0.99\"}"));
  }

  @Test
  void theNodeCountsItsEnvironmentsAndWaitingStemCells() {
    assertThat(scrapedLines()).contains("gust_Environments 0.0", "gust_StemCells 0.0");
    createActive("warm");
    lambda.invoke(r -> r.functionName("warm"));
    // The first cold start of a Python function of this size starts a spare runtime of its shape.
    dev.gust.testkit.Await.until(
        "the environment and a stem cell are counted",
        () -> scrapedLines().containsAll(List.of("gust_Environments 1.0", "gust_StemCells 1.0")));
  }

  private List<String> scrapedLines() {
    try {
      return scrape().body().lines().toList();
    } catch (Exception e) {
      throw new AssertionError("cannot scrape the metrics", e);
    }
  }
}
