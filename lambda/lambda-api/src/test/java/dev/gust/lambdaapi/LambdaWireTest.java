package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.testkit.AwsClients;
import dev.gust.testkit.NodeExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * What the model adds on the wire, on a node serving Lambda alone: its constraints answer with
 * AWS's validation message before the registry is asked, and an operation Gust does not serve is
 * answered on its own path with an error that names it.
 */
class LambdaWireTest {

  @RegisterExtension
  final NodeExtension node =
      new NodeExtension(
          List.of(context -> LambdaService.open(LambdaService.Settings.defaults(), context)));

  private final HttpClient http = HttpClient.newHttpClient();
  private LambdaClient lambda;

  @BeforeEach
  void client() {
    lambda = AwsClients.lambda(node.url());
  }

  @AfterEach
  void closeClient() {
    lambda.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url() + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyBrokenConstraintIsListedInOneValidationException() throws Exception {
    HttpResponse<String> reply =
        send(
            "POST",
            "/2015-03-31/functions",
            """
            {"FunctionName":"bad name","Role":"arn:aws:iam::000000000000:role/lambda",
             "Code":{"ZipFile":""},"MemorySize":64,"Timeout":0,
             "EphemeralStorage":{"Size":511},"TracingConfig":{"Mode":"Loud"}}
            """);

    assertThat(reply.statusCode()).isEqualTo(400);
    assertThat(reply.headers().firstValue("x-amzn-ErrorType")).contains("ValidationException");
    assertThat(reply.body())
        .isEqualTo(
            "{\"Type\":\"User\",\"message\":\"5 validation errors detected: Value 'bad name' at"
                + " 'functionName' failed to satisfy constraint: Member must satisfy regular"
                + " expression pattern: "
                + LambdaModel.FUNCTION_NAME.replace("\\", "\\\\")
                + "; Value '0' at 'timeout' failed to satisfy constraint: Member must have value"
                + " greater than or equal to 1; Value '64' at 'memorySize' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 128; Value 'Loud'"
                + " at 'tracingConfig.mode' failed to satisfy constraint: Member must satisfy enum"
                + " value set: [Active, PassThrough]; Value '511' at 'ephemeralStorage.size'"
                + " failed to satisfy constraint: Member must have value greater than or equal to"
                + " 512\"}");
  }

  @Test
  void queryParametersAndRequiredMembersAreValidatedToo() throws Exception {
    HttpResponse<String> list =
        send("GET", "/2015-03-31/functions?FunctionVersion=SOME&MaxItems=10001", "");
    HttpResponse<String> tag =
        send("POST", "/2017-03-31/tags/arn:aws:lambda:us-east-1:000000000000:function:f", "{}");

    assertThat(list.statusCode()).isEqualTo(400);
    assertThat(list.body())
        .contains(
            "2 validation errors detected: Value 'SOME' at 'functionVersion' failed to satisfy"
                + " constraint: Member must satisfy enum value set: [ALL]; Value '10001' at"
                + " 'maxItems' failed to satisfy constraint: Member must have value less than or"
                + " equal to 10000");
    assertThat(tag.statusCode()).isEqualTo(400);
    assertThat(tag.body())
        .contains(
            "1 validation error detected: Value null at 'tags' failed to satisfy constraint:"
                + " Member must not be null");
  }

  @Test
  void anOperationGustDoesNotServeIsNamedInItsError() {
    assertThatThrownBy(
            () ->
                lambda.addPermission(
                    r ->
                        r.functionName("orders")
                            .statementId("s3")
                            .action("lambda:InvokeFunction")
                            .principal("s3.amazonaws.com")))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Gust does not support the Lambda operation AddPermission yet.");
            });
    assertThatThrownBy(() -> lambda.listLayers())
        .hasMessageContaining("Gust does not support the Lambda operation ListLayers yet.");
    assertThatThrownBy(
            () ->
                lambda.getLayerVersionByArn(
                    r -> r.arn("arn:aws:lambda:us-east-1:000000000000:layer:deps:1")))
        .hasMessageContaining(
            "Gust does not support the Lambda operation GetLayerVersionByArn yet.");
    assertThatThrownBy(() -> lambda.listEventSourceMappings())
        .hasMessageContaining("ListEventSourceMappings");
  }
}
