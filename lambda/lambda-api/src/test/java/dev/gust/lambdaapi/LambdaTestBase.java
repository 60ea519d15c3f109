package dev.gust.lambdaapi;

import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Zips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Starts a real node serving Lambda alone on an ephemeral port for each test, and drives it with
 * the AWS SDK.
 */
abstract class LambdaTestBase {

  static final String ROLE = "arn:aws:iam::000000000000:role/lambda";
  static final byte[] CODE = Zips.python("{'ok': True}");

  @TempDir Path dataDir;
  LambdaNode server;
  LambdaClient lambda;
  LambdaWaiter waiter;
  final HttpClient http = HttpClient.newHttpClient();

  /** The sandbox backend this test's server runs. */
  String sandbox() {
    return LambdaService.Settings.DEFAULT_SANDBOX;
  }

  /** The settings of this test's node: Lambda's defaults on {@link #sandbox()}. */
  LambdaService.Settings settings() {
    return LambdaService.Settings.defaults().withSandbox(sandbox());
  }

  @BeforeEach
  void startServer() {
    server = LambdaNode.start(dataDir, settings());
    lambda = AwsClients.lambda(server.url());
    waiter = AwsClients.waiter(lambda);
  }

  @AfterEach
  void stopServer() {
    lambda.close();
    server.close();
  }

  CreateFunctionRequest.Builder function(String name) {
    return CreateFunctionRequest.builder()
        .functionName(name)
        .runtime("python3.13")
        .handler("handler.handler")
        .role(ROLE)
        .code(c -> c.zipFile(SdkBytes.fromByteArray(CODE)));
  }

  /** Creates a function and waits until it is Active. */
  FunctionConfiguration createActive(String name) {
    lambda.createFunction(function(name).build());
    return waiter
        .waitUntilFunctionActiveV2(r -> r.functionName(name))
        .matched()
        .response()
        .orElseThrow()
        .configuration();
  }

  void awaitUpdated(String name) {
    waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(name));
  }

  /** The node's metrics, in Prometheus text format. */
  String metrics() {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/_gust/metrics")).GET().build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      throw new AssertionError("cannot read the metrics", e);
    }
  }

  /** Sends a raw HTTP request, for input the SDK would refuse to send. */
  HttpResponse<String> raw(String method, String path, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json");
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
