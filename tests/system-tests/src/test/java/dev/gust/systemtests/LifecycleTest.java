package dev.gust.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Zips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Starting and stopping {@code gust server} as an operator would, watching what it prints. */
class LifecycleTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterAll
  static void closeHttp() {
    HTTP.close();
  }

  static HttpResponse<String> health(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url + "/_gust/health"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void portZeroPrintsReadyLineWithARealPortThatAnswersHealth(@TempDir Path dataDir)
      throws Exception {
    try (GustProcess gust = GustProcess.start(dataDir)) {
      assertThat(gust.stdout())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("Gust 0.1.0 ready on http://127.0.0.1:");
      assertThat(gust.port()).isBetween(1, 65535);
      assertThat(gust.reportedDataDir()).isEqualTo(dataDir.toAbsolutePath().normalize().toString());

      HttpResponse<String> health = health(gust.url());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body().replace(" ", "")).contains("\"status\":\"ok\"");
      assertThat(health.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }
  }

  @Test
  void sigtermStopsCleanlyAndKeepsWhatWasAcknowledged(@TempDir Path dataDir) throws Exception {
    try (GustProcess gust = GustProcess.start(dataDir)) {
      try (LambdaClient lambda = AwsClients.lambda(gust.url())) {
        lambda.createFunction(
            r ->
                r.functionName("survivor")
                    .runtime(Runtime.PYTHON3_13)
                    .handler("handler.handler")
                    .role("arn:aws:iam::000000000000:role/lambda")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.python("1")))));
      }

      gust.terminate();

      assertThat(gust.isAlive()).isFalse();
      assertThat(gust.stdout()).as(gust.describe()).endsWith("Gust stopped");
      assertThat(String.join("\n", gust.stderr()))
          .as(gust.describe())
          .doesNotContain("Exception")
          .doesNotContain("SEVERE");
    }

    try (GustProcess again = GustProcess.start(dataDir);
        LambdaClient lambda = AwsClients.lambda(again.url())) {
      assertThat(lambda.getFunction(r -> r.functionName("survivor")).configuration().functionName())
          .isEqualTo("survivor");
    }
  }

  @Test
  void sigtermExitsWithStatusZero(@TempDir Path dataDir) {
    try (GustProcess gust = GustProcess.start(dataDir)) {
      int status = gust.terminate();

      assertThat(gust.stdout()).contains("Gust stopped");
      assertThat(status).as(gust.describe()).isZero();
    }
  }

  @Test
  void secondServerOnATakenPortFailsWithNonZeroExit(@TempDir Path first, @TempDir Path second)
      throws Exception {
    try (GustProcess running = GustProcess.start(first);
        GustProcess clash =
            GustProcess.launch(
                List.of(
                    "--port", String.valueOf(running.port()), "--data-dir", second.toString()))) {

      int status = clash.awaitExit(GustProcess.READY_TIMEOUT);

      assertThat(status).as(clash.describe()).isNotZero();
      assertThat(clash.stdout()).noneMatch(line -> GustProcess.READY.matcher(line).matches());
      assertThat(clash.stderr()).as("an explanation on stderr").isNotEmpty();
      assertThat(health(running.url()).statusCode()).isEqualTo(200);
    }
  }
}
