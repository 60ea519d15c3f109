package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.wire.Headers;
import dev.gust.wire.HttpRequest;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.Router;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The constraints of Lambda's API reference, declared in {@link LambdaInvokeModel}, produce AWS's
 * {@code ValidationException} message before any component sees the request: one row per request,
 * with the whole message it is answered with.
 */
class LambdaInvokeModelTest {

  private static final String PATTERN = "Member must satisfy regular expression pattern: ";
  private static final String PROVISIONED = "/2019-09-30/functions/f/provisioned-concurrency";
  private static final String EVENT_CONFIG = "/2019-09-25/functions/f/event-invoke-config";

  /** Routes of the whole model whose handler fails: every row must be refused before it. */
  private static final Router ROUTER =
      new Router(
          LambdaInvokeModel.MODEL.routes(
              (command, context) -> {
                throw new AssertionError("reached the handler with " + command);
              }));

  record Row(
      String label,
      String method,
      String path,
      String query,
      String body,
      String[] headers,
      String message) {

    @Override
    public String toString() {
      return label;
    }
  }

  private static Row row(
      String label,
      String method,
      String path,
      String query,
      String body,
      String message,
      String... headers) {
    return new Row(label, method, path, query, body, headers, message);
  }

  static Stream<Row> rows() {
    return Stream.of(
        row(
            "invocation and log types outside their enums",
            "POST",
            "/2015-03-31/functions/f/invocations",
            "",
            "{}",
            "2 validation errors detected: Value 'Sometimes' at 'invocationType' failed to satisfy"
                + " constraint: Member must satisfy enum value set: [Event, RequestResponse,"
                + " DryRun]; Value 'Everything' at 'logType' failed to satisfy constraint: Member"
                + " must satisfy enum value set: [Tail, None]",
            "X-Amz-Invocation-Type",
            "Sometimes",
            "X-Amz-Log-Type",
            "Everything"),
        row(
            "an invoked name of 171 characters and a qualifier with a dot",
            "POST",
            "/2015-03-31/functions/" + "a".repeat(171) + "/invocations",
            "Qualifier=v.1",
            "{}",
            "2 validation errors detected: Value '"
                + "a".repeat(171)
                + "' at 'functionName' failed to satisfy constraint: Member must have length less"
                + " than or equal to 170; Value 'v.1' at 'qualifier' failed to satisfy"
                + " constraint: "
                + PATTERN
                + LambdaInvokeModel.QUALIFIER),
        row(
            "an asynchronously invoked name with a space",
            "POST",
            "/2014-11-13/functions/f%20g/invoke-async/",
            "",
            "{}",
            "1 validation error detected: Value 'f g' at 'functionName' failed to satisfy"
                + " constraint: "
                + PATTERN
                + LambdaInvokeModel.NAMESPACED_FUNCTION_NAME),
        row(
            "provisioned concurrency without a qualifier, of zero",
            "PUT",
            PROVISIONED,
            "",
            "{\"ProvisionedConcurrentExecutions\":0}",
            "2 validation errors detected: Value null at 'qualifier' failed to satisfy"
                + " constraint: Member must not be null; Value '0' at"
                + " 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must"
                + " have value greater than or equal to 1"),
        row(
            "provisioned concurrency of nothing",
            "PUT",
            PROVISIONED,
            "Qualifier=1",
            "{}",
            "1 validation error detected: Value null at 'provisionedConcurrentExecutions' failed"
                + " to satisfy constraint: Member must not be null"),
        row(
            "a provisioned concurrency config got without a qualifier",
            "GET",
            PROVISIONED,
            "",
            "",
            "1 validation error detected: Value null at 'qualifier' failed to satisfy constraint:"
                + " Member must not be null"),
        row(
            "a page of 51 provisioned concurrency configs",
            "GET",
            PROVISIONED,
            "List=ALL&MaxItems=51",
            "",
            "1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint:"
                + " Member must have value less than or equal to 50"),
        row(
            "a function name longer than 140 characters",
            "DELETE",
            "/2019-09-30/functions/" + "b".repeat(141) + "/provisioned-concurrency",
            "Qualifier=1",
            "",
            "1 validation error detected: Value '"
                + "b".repeat(141)
                + "' at 'functionName' failed to satisfy constraint: Member must have length"
                + " less than or equal to 140"),
        row(
            "retries, event age and a destination out of bounds",
            "PUT",
            EVENT_CONFIG,
            "",
            "{\"MaximumRetryAttempts\":3,\"MaximumEventAgeInSeconds\":59,"
                + "\"DestinationConfig\":{\"OnFailure\":{\"Destination\":\"not-an-arn\"}}}",
            "3 validation errors detected: Value '3' at 'maximumRetryAttempts' failed to satisfy"
                + " constraint: Member must have value less than or equal to 2; Value '59' at"
                + " 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have"
                + " value greater than or equal to 60; Value 'not-an-arn' at"
                + " 'destinationConfig.onFailure.destination' failed to satisfy constraint: "
                + PATTERN
                + LambdaInvokeModel.DESTINATION),
        row(
            "an update with an event age over six hours",
            "POST",
            EVENT_CONFIG,
            "Qualifier=",
            "{\"MaximumEventAgeInSeconds\":21601}",
            "2 validation errors detected: Value '' at 'qualifier' failed to satisfy constraint:"
                + " Member must have length greater than or equal to 1; Value '21601' at"
                + " 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have"
                + " value less than or equal to 21600"),
        row(
            "a page of no event invoke configs",
            "GET",
            EVENT_CONFIG + "/list",
            "MaxItems=0",
            "",
            "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint:"
                + " Member must have value greater than or equal to 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void constraintsAreAwsValidationErrors(Row row) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < row.headers().length; i += 2) {
      headers.put(row.headers()[i], List.of(row.headers()[i + 1]));
    }
    HttpResponse reply =
        ROUTER.handle(
            HttpRequest.of(
                row.method(),
                row.path(),
                row.query(),
                Headers.of(headers),
                row.body().getBytes(StandardCharsets.UTF_8)),
            "");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.headers()).containsEntry("x-amzn-ErrorType", "ValidationException");
    assertThat(reply.bodyText())
        .isEqualTo(
            "{\"Type\":\"User\",\"message\":\"" + row.message().replace("\\", "\\\\") + "\"}");
  }

  @Test
  void everyOperationIsDeclared() {
    assertThat(LambdaInvokeModel.MODEL.served())
        .containsExactly(
            "DeleteFunctionEventInvokeConfig",
            "DeleteProvisionedConcurrencyConfig",
            "GetFunctionEventInvokeConfig",
            "GetProvisionedConcurrencyConfig",
            "Invoke",
            "InvokeAsync",
            "ListFunctionEventInvokeConfigs",
            "ListProvisionedConcurrencyConfigs",
            "PutFunctionEventInvokeConfig",
            "PutProvisionedConcurrencyConfig",
            "UpdateFunctionEventInvokeConfig");
  }
}
