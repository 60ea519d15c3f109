package dev.gust.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Zips;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Runtime processes never outlive the server, however it ends. */
class NoOrphanRuntimesTest {

  private static final byte[] CODE =
      Zips.of(
          Map.of(
              "app.py",
              "import time\n"
                  + "def quick(event, context):\n    return 1\n"
                  + "def slow(event, context):\n    time.sleep(60)\n"));

  @TempDir Path dataDir;

  @Test
  void killingTheServerWithSigkillLeavesNoRuntimeProcess() throws Exception {
    try (GustProcess gust = GustProcess.start(dataDir);
        LambdaClient lambda = AwsClients.lambda(gust.url())) {
      deploy(lambda, "idle", "app.quick", 10);
      deploy(lambda, "busy", "app.slow", 120);
      lambda.invoke(r -> r.functionName("idle"));
      assertThat(runtimesUnder(dataDir)).as("a warm runtime waits for work").isNotEmpty();
      try (LambdaClient patient =
          LambdaClient.builder()
              .endpointOverride(java.net.URI.create(gust.url()))
              .region(software.amazon.awssdk.regions.Region.US_EAST_1)
              .credentialsProvider(
                  software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                      software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("t", "t")))
              .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
              .build()) {
        CompletableFuture<?> inFlight =
            CompletableFuture.runAsync(() -> patient.invoke(r -> r.functionName("busy")));
        awaitUntil(() -> runtimesUnder(dataDir).size() >= 2, Duration.ofSeconds(20));

        assertThat(gust.kill9()).isEqualTo(GustProcess.EXIT_SIGKILL);
        awaitUntil(() -> runtimesUnder(dataDir).isEmpty(), Duration.ofSeconds(10));
        assertThat(runtimesUnder(dataDir)).isEmpty();
        inFlight.handle((v, e) -> null).join();
      }
    }
  }

  @Test
  void aCleanStopShutsDownEveryRuntime() throws Exception {
    try (GustProcess gust = GustProcess.start(dataDir);
        LambdaClient lambda = AwsClients.lambda(gust.url())) {
      deploy(lambda, "idle", "app.quick", 10);
      lambda.invoke(r -> r.functionName("idle"));
      assertThat(runtimesUnder(dataDir)).isNotEmpty();
      assertThat(gust.terminate()).isZero();
      awaitUntil(() -> runtimesUnder(dataDir).isEmpty(), Duration.ofSeconds(10));
      assertThat(runtimesUnder(dataDir)).isEmpty();
    }
  }

  private static void deploy(LambdaClient lambda, String name, String handler, int timeout) {
    lambda.createFunction(
        r ->
            r.functionName(name)
                .runtime("python3.13")
                .handler(handler)
                .timeout(timeout)
                .role("arn:aws:iam::000000000000:role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(CODE))));
    awaitUntil(
        () ->
            lambda
                .getFunctionConfiguration(r -> r.functionName(name))
                .stateAsString()
                .equals("Active"),
        Duration.ofSeconds(20));
  }

  /** Live processes started from this server's runtime directory (the Python bootstrap). */
  private static List<ProcessHandle> runtimesUnder(Path dataDir) {
    String marker = dataDir.toAbsolutePath().resolve("runtimes").toString();
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .toList();
  }

  /** Polls a condition every 5 ms until it holds, failing at the deadline. */
  private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within " + timeout);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
  }
}
