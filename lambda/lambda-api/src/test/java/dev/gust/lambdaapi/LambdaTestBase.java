package dev.gust.lambdaapi;

import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Functions;
import dev.gust.testkit.RawHttp;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Starts a real node serving Lambda alone on an ephemeral port for each test, and drives it with
 * the AWS SDK.
 */
abstract class LambdaTestBase {

  static final String ROLE = Functions.ROLE;
  static final byte[] CODE = Functions.CODE;

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
    return Functions.python(name);
  }

  /** Creates a function and waits until it is Active. */
  FunctionConfiguration createActive(String name) {
    return Functions.createActive(lambda, waiter, function(name).build());
  }

  void awaitUpdated(String name) {
    waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(name));
  }

  /** The node's metrics, in Prometheus text format. */
  String metrics() {
    return RawHttp.metrics(server.url());
  }

  /** Sends a raw HTTP request, for input the SDK would refuse to send. */
  HttpResponse<String> raw(String method, String path, byte[] body, String... headers)
      throws Exception {
    return RawHttp.send(server.url(), method, path, body, headers);
  }
}
