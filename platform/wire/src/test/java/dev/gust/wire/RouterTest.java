package dev.gust.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.core.ErrorType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouterTest {

  private static final ErrorType NOT_FOUND = ErrorType.user("ResourceNotFoundException", 404);

  private final Router router =
      new Router(
          List.of(
              Route.Rest.of(
                  "GetAlias",
                  "GET",
                  "/2015-03-31/functions/{FunctionName}/aliases/{Name}",
                  call ->
                      text(
                          call.pathParam("FunctionName")
                              + "|"
                              + call.pathParam("Name")
                              + "|"
                              + call.context().scope().region())),
              Route.Rest.of(
                  "DeleteFunction",
                  "DELETE",
                  "/2015-03-31/functions/{FunctionName}",
                  call -> {
                    throw NOT_FOUND.exception(
                        "Function not found: " + call.pathParam("FunctionName"));
                  }),
              Route.Rest.of(
                  "Crash",
                  "POST",
                  "/crash",
                  call -> {
                    throw new IllegalStateException("boom");
                  }),
              Route.Rest.of("Invoke", "POST", "/invoke", call -> HttpResponse.empty(200))
                  .withMaxBody(10),
              new Route.Target(
                  "SQS", "AmazonSQS", 1024, (operation, call) -> text("sqs:" + operation))));

  private static HttpResponse text(String body) {
    return HttpResponse.of(200, "text/plain", body.getBytes(UTF_8));
  }

  private static HttpRequest request(
      String method, String path, Map<String, String> headers, String body) {
    Map<String, List<String>> fields = new java.util.HashMap<>();
    headers.forEach((name, value) -> fields.put(name, List.of(value)));
    return HttpRequest.of(method, path, "", Headers.of(fields), body.getBytes(UTF_8));
  }

  private HttpResponse handle(String method, String path) {
    return router.handle(request(method, path, Map.of(), ""), "http://localhost:9000");
  }

  private static JsonNode json(HttpResponse response) throws IOException {
    return Json.pascalCase().mapper().readTree(response.body());
  }

  @Test
  void dispatchesByMethodAndPathWithDecodedParams() {
    HttpResponse response = handle("GET", "/2015-03-31/functions/my%3Afn/aliases/live");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("my:fn|live|us-east-1");
  }

  @Test
  void dispatchesTargetByPrefixAndPassesOperation() {
    HttpResponse response =
        router.handle(
            request("POST", "/", Map.of("X-Amz-Target", "AmazonSQS.SendMessage"), "{}"), "");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("sqs:SendMessage");
  }

  @Test
  void unknownPathIsRestJsonUnknownOperation() throws IOException {
    HttpResponse response = handle("GET", "/nowhere");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "UnknownOperationException");
    JsonNode body = json(response);
    assertThat(body.path("Type").asText()).isEqualTo("User");
    assertThat(body.path("message").asText()).contains("/nowhere");
  }

  @Test
  void wrongMethodIsUnknownOperation() {
    assertThat(handle("PUT", "/2015-03-31/functions/f/aliases/live").status()).isEqualTo(404);
  }

  @Test
  void unknownTargetIsJsonShapedError() throws IOException {
    HttpResponse response =
        router.handle(request("POST", "/", Map.of("X-Amz-Target", "AWSEvents.PutEvents"), ""), "");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.headers()).containsEntry("Content-Type", "application/x-amz-json-1.0");
    assertThat(json(response).path("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(json(response).has("Type")).isFalse();
  }

  @Test
  void everyReplyCarriesADistinctRequestId() {
    HttpResponse ok = handle("GET", "/2015-03-31/functions/f/aliases/live");
    HttpResponse error = handle("GET", "/nowhere");

    assertThat(ok.headers().get("x-amzn-RequestId")).isNotBlank();
    assertThat(error.headers().get("x-amzn-RequestId"))
        .isNotBlank()
        .isNotEqualTo(ok.headers().get("x-amzn-RequestId"));
  }

  @Test
  void awsExceptionKeepsItsStatusAndType() throws IOException {
    HttpResponse response = handle("DELETE", "/2015-03-31/functions/gone");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "ResourceNotFoundException");
    assertThat(json(response).path("message").asText()).isEqualTo("Function not found: gone");
    assertThat(response.headers()).containsKey("x-amzn-RequestId");
  }

  @Test
  void unexpectedExceptionIsServiceErrorAndRouterKeepsServing() throws IOException {
    HttpResponse crash = handle("POST", "/crash");

    assertThat(crash.status()).isEqualTo(500);
    assertThat(crash.headers()).containsEntry("x-amzn-ErrorType", "ServiceException");
    assertThat(json(crash).path("Type").asText()).isEqualTo("Service");
    assertThat(json(crash).path("message").asText())
        .doesNotContain("boom")
        .contains(crash.headers().get("x-amzn-RequestId"));
    assertThat(handle("GET", "/2015-03-31/functions/f/aliases/live").status()).isEqualTo(200);
  }

  @Test
  void bodyOverRouteLimitIsRefusedNamingTheOperation() throws IOException {
    HttpResponse atLimit = router.handle(request("POST", "/invoke", Map.of(), "0123456789"), "");
    HttpResponse over = router.handle(request("POST", "/invoke", Map.of(), "0123456789x"), "");

    assertThat(atLimit.status()).isEqualTo(200);
    assertThat(over.status()).isEqualTo(413);
    assertThat(over.headers()).containsEntry("x-amzn-ErrorType", "RequestEntityTooLargeException");
    assertThat(json(over).path("message").asText()).contains("Invoke").contains("10");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "'AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/lambda/aws4_request, Signature=1',"
        + " eu-west-1",
    "'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-gov-west-1/lambda/aws4_request', us-gov-west-1",
    "'AWS4-HMAC-SHA256 Credential=AKID/20240101/../lambda/aws4_request', us-east-1",
    "'AWS4-HMAC-SHA256 Credential=AKID/20240101/EU_WEST/lambda/aws4_request', us-east-1",
    "'AWS4-HMAC-SHA256 Credential=AKID/20240101//lambda/aws4_request', us-east-1",
    "'', us-east-1",
  })
  void regionComesFromCredentialScope(String authorization, String region) {
    Map<String, String> headers =
        authorization == null || authorization.isEmpty()
            ? Map.of()
            : Map.of("Authorization", authorization);
    HttpResponse response =
        router.handle(
            request("GET", "/2015-03-31/functions/f/aliases/live", headers, ""), "http://x");

    assertThat(response.bodyText()).isEqualTo("f|live|" + region);
  }

  @Test
  void malformedPercentEscapeReachesTheOperationUndecodedInsteadOfFailingRouting() {
    HttpResponse response = handle("GET", "/2015-03-31/functions/%zz/aliases/live");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).startsWith("%zz|live");
  }
}
