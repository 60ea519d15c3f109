package dev.gust.server;

import dev.gust.registry.Limits;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Functions;
import dev.gust.testkit.RawHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/** Starts a real Gust server on an ephemeral port and drives it with the AWS SDK. */
abstract class ServerTestBase {

  static final String ROLE = Functions.ROLE;
  static final byte[] CODE = Functions.CODE;

  @TempDir Path dataDir;
  GustServer server;
  LambdaClient lambda;
  LambdaWaiter waiter;

  /** The sandbox backend this test's server runs. */
  String sandbox() {
    return ServerConfig.DEFAULT_SANDBOX;
  }

  @BeforeEach
  void startServer() {
    server =
        GustServer.start(new ServerConfig("127.0.0.1", 0, dataDir, Limits.defaults(), sandbox()));
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
