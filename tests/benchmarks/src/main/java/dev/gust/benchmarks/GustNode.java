package dev.gust.benchmarks;

import dev.gust.delivery.Delivery;
import dev.gust.registry.Limits;
import dev.gust.server.GustServer;
import dev.gust.server.ServerConfig;
import dev.gust.testkit.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * A real Gust node started in-process on an ephemeral port with a fresh data directory, and an AWS
 * SDK client to create functions on it. Closing it stops the node (and every environment) and
 * deletes the data directory.
 */
final class GustNode implements AutoCloseable {

  static final String ROLE = "arn:aws:iam::000000000000:role/lambda";

  /** Lambda's default {@code MemorySize}. */
  static final int DEFAULT_MEMORY_MB = 128;

  private final Path dataDir;
  private final GustServer server;
  private final LambdaClient lambda;
  private final LambdaWaiter waiter;
  private final Thread shutdownHook;

  private GustNode(Path dataDir, GustServer server) {
    this.dataDir = dataDir;
    this.server = server;
    this.lambda = AwsClients.lambda(server.url());
    this.waiter = AwsClients.waiter(lambda);
    // Stops the environments when the run is interrupted: idle ones are frozen and would outlive
    // this JVM.
    this.shutdownHook = new Thread(server::close, "gust-bench-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a node with the given sandbox backend ({@code namespace} or {@code process}). */
  static GustNode start(String backend) {
    try {
      Path dataDir = Files.createTempDirectory("gust-bench-");
      return new GustNode(
          dataDir,
          GustServer.start(new ServerConfig("127.0.0.1", 0, dataDir, Limits.defaults(), backend)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory", e);
    }
  }

  String url() {
    return server.url();
  }

  /** Where the node delivers to ARNs: a benchmark may register its own sink. */
  Delivery delivery() {
    return server.delivery();
  }

  /** The node's data directory, for files it writes in the background. */
  Path dataDir() {
    return dataDir;
  }

  /** Creates a function running the workload and waits until it is Active. */
  void createActive(String name, Workload workload) {
    createActive(name, workload, DEFAULT_MEMORY_MB);
  }

  /** The same with the given {@code MemorySize}: functions of distinct sizes share no stem cell. */
  void createActive(String name, Workload workload, int memoryMb) {
    lambda.createFunction(
        r ->
            r.functionName(name)
                .runtime(workload.runtime())
                .handler(workload.handler())
                .memorySize(memoryMb)
                .role(ROLE)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(workload.zip()))));
    waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
      lambda.close();
      server.close();
    } finally {
      TempDirs.delete(dataDir);
    }
  }
}
