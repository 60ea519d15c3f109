package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.testkit.NodeExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI v2 as Debian packages it (2.9, {@code /usr/bin/aws}), whose SQS commands still
 * speak the query protocol: a queue's whole life through the CLI against a node. CI installs the
 * package ({@code .ci/run}) and fails this test without it; elsewhere it is skipped.
 */
class SqsCliTest {

  private static final Path AWS = Path.of("/usr/bin/aws");
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final NodeExtension node = new NodeExtension(List.of(SqsService::open));
  @TempDir Path home;

  /** What one CLI command printed, and how it exited. */
  record Run(int exit, String out, String err) {

    JsonNode json() throws IOException {
      assertThat(exit).as("exit status; stderr: " + err).isZero();
      return JSON.readTree(out);
    }
  }

  @BeforeEach
  void requireTheCli() {
    if (!Files.isExecutable(AWS)) {
      if ("true".equals(System.getenv("CI"))) {
        fail(AWS + " is missing: CI installs the Debian package awscli in .ci/run");
      }
      Assumptions.abort("the AWS CLI v2 (Debian package awscli) is not installed");
    }
  }

  @Test
  void aQueuesLifeThroughTheCliSpeakingTheQueryProtocol() throws Exception {
    String url =
        aws(
                "create-queue",
                "--queue-name",
                "cli-queue",
                "--attributes",
                "VisibilityTimeout=45",
                "--tags",
                "team=cli")
            .json()
            .path("QueueUrl")
            .asText();
    assertThat(url).isEqualTo(node.url() + "/000000000000/cli-queue");

    JsonNode sent =
        aws(
                "send-message",
                "--queue-url",
                url,
                "--message-body",
                "hello from the CLI",
                "--message-attributes",
                "{\"city\":{\"DataType\":\"String\",\"StringValue\":\"Zürich\"}}")
            .json();
    assertThat(sent.path("MD5OfMessageBody").asText())
        .isEqualTo(SqsApiTest.md5("hello from the CLI"));
    assertThat(sent.path("MD5OfMessageAttributes").asText()).hasSize(32);
    JsonNode batch =
        aws(
                "send-message-batch",
                "--queue-url",
                url,
                "--entries",
                "Id=a,MessageBody=one",
                "Id=b,MessageBody=two")
            .json();
    assertThat(batch.path("Successful")).hasSize(2);

    assertThat(aws("list-queues").json().path("QueueUrls").get(0).asText()).isEqualTo(url);
    assertThat(
            aws("get-queue-attributes", "--queue-url", url, "--attribute-names", "All")
                .json()
                .path("Attributes")
                .path("VisibilityTimeout")
                .asText())
        .isEqualTo("45");
    assertThat(aws("list-queue-tags", "--queue-url", url).json().path("Tags").path("team").asText())
        .isEqualTo("cli");

    JsonNode received =
        aws(
                "receive-message",
                "--queue-url",
                url,
                "--max-number-of-messages",
                "10",
                "--attribute-names",
                "All",
                "--message-attribute-names",
                "All")
            .json();
    List<String> bodies = new ArrayList<>();
    for (JsonNode message : received.path("Messages")) {
      bodies.add(message.path("Body").asText());
      if (message.path("Body").asText().equals("hello from the CLI")) {
        assertThat(message.path("MessageId").asText()).isEqualTo(sent.path("MessageId").asText());
        assertThat(message.path("MessageAttributes").path("city").path("StringValue").asText())
            .isEqualTo("Zürich");
        assertThat(message.path("Attributes").path("ApproximateReceiveCount").asText())
            .isEqualTo("1");
      }
      aws(
              "delete-message",
              "--queue-url",
              url,
              "--receipt-handle",
              message.path("ReceiptHandle").asText())
          .json();
    }
    assertThat(bodies).containsExactlyInAnyOrder("hello from the CLI", "one", "two");

    Run missing = aws("get-queue-url", "--queue-name", "nowhere");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err())
        .contains("AWS.SimpleQueueService.NonExistentQueue")
        .contains("The specified queue does not exist.");

    aws("delete-queue", "--queue-url", url).json();
    assertThat(aws("list-queues").out()).doesNotContain("cli-queue");
  }

  /** Runs {@code aws sqs <arguments>} against the node, with dummy credentials and its own HOME. */
  private Run aws(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", node.url()));
    command.addAll(List.of("--output", "json", "sqs"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_"));
    env.put("HOME", home.toString());
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    env.put("LC_ALL", "C.UTF-8");
    Path out = home.resolve("stdout");
    Path err = home.resolve("stderr");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("aws " + String.join(" ", arguments) + " did not finish in 60 s");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
