package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.IllegalTransitionException;
import dev.gust.core.TransitionCoverage;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Runtime API as a runtime sees it, driven over real HTTP. Fails if a declared transition of
 * the channel's lifecycle is never exercised.
 */
class RuntimeApiServerTest {

  private static final TransitionCoverage<RuntimeChannel.State> COVERAGE =
      RuntimeChannel.State.TRANSITIONS.cover();

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RuntimeApiServer server = RuntimeApiServer.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.close();
  }

  @AfterAll
  static void everyDeclaredTransitionWasExercised() {
    COVERAGE.assertAllExercised();
  }

  @Test
  void aRuntimeFetchesAnInvocationWithItsHeadersAndAnswersIt() throws Exception {
    RuntimeChannel channel = server.open();
    CompletableFuture<RuntimeOutcome> outcome =
        channel.submit(
            invocation(
                "req-1", "{\"n\":1}", Optional.of("Root=1-abc"), Optional.of("{\"custom\":{}}")));
    assertThat(channel.initialized()).isNotDone();

    HttpResponse<String> next = get(channel, "invocation/next");
    assertThat(channel.initialized()).isCompleted();
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).isEqualTo("{\"n\":1}");
    assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).contains("req-1");
    assertThat(next.headers().firstValue("Lambda-Runtime-Deadline-Ms")).contains("1900000000000");
    assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
        .contains("arn:aws:lambda:us-east-1:000000000000:function:f");
    assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id")).contains("Root=1-abc");
    assertThat(next.headers().firstValue("Lambda-Runtime-Client-Context"))
        .contains("{\"custom\":{}}");

    HttpResponse<String> answer = post(channel, "invocation/req-1/response", "{\"ok\":true}", null);
    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(outcome.get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            RuntimeOutcome.Success.class,
            s ->
                assertThat(new String(s.payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"ok\":true}"));
    assertThat(post(channel, "invocation/req-1/response", "{}", null).statusCode())
        .as("an invocation is answered once")
        .isEqualTo(400);
  }

  @Test
  void functionErrorsCarryTheirTypeAndBody() throws Exception {
    RuntimeChannel channel = server.open();
    CompletableFuture<RuntimeOutcome> outcome = channel.submit(invocation("req-2", "{}"));
    get(channel, "invocation/next");
    String body = "{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\"}";
    assertThat(post(channel, "invocation/req-2/error", body, "ValueError").statusCode())
        .isEqualTo(202);
    assertThat(outcome.get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            RuntimeOutcome.FunctionError.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("ValueError");
              assertThat(new String(e.body(), StandardCharsets.UTF_8)).isEqualTo(body);
            });
  }

  @Test
  void initErrorsFailInitAndEveryWaitingInvocation() throws Exception {
    RuntimeChannel channel = server.open();
    CompletableFuture<RuntimeOutcome> outcome = channel.submit(invocation("req-3", "{}"));
    String body =
        "{\"errorMessage\":\"Unable to import module 'handler'\",\"errorType\":\"Runtime.ImportModuleError\"}";
    assertThat(post(channel, "init/error", body, "Runtime.ImportModuleError").statusCode())
        .isEqualTo(202);
    assertThat(channel.initialized()).isCompletedExceptionally();
    assertThat(outcome.get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            RuntimeOutcome.InitError.class,
            e -> assertThat(e.errorType()).isEqualTo("Runtime.ImportModuleError"));
  }

  @Test
  void aRuntimeCanNeitherFetchNorAnswerAnotherEnvironmentsInvocations() throws Exception {
    RuntimeChannel victim = server.open();
    RuntimeChannel attacker = server.open();
    CompletableFuture<RuntimeOutcome> outcome =
        victim.submit(invocation("secret-req", "{\"card\":42}"));

    CompletableFuture<HttpResponse<String>> stolen =
        http.sendAsync(
            request(attacker, "invocation/next").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    attacker.initialized().get(10, TimeUnit.SECONDS); // the attacker's long-poll has arrived
    assertThat(
            post(attacker, "invocation/secret-req/response", "{\"forged\":1}", null).statusCode())
        .isEqualTo(400);
    assertThat(post(attacker, "invocation/secret-req/error", "{}", "Forged").statusCode())
        .isEqualTo(400);

    HttpResponse<String> next = get(victim, "invocation/next");
    assertThat(next.body()).isEqualTo("{\"card\":42}");
    assertThat(stolen).isNotDone();
    post(victim, "invocation/secret-req/response", "{\"genuine\":1}", null);
    assertThat(outcome.get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            RuntimeOutcome.Success.class,
            s ->
                assertThat(new String(s.payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"genuine\":1}"));

    attacker.close();
    assertThat(stolen.get(10, TimeUnit.SECONDS).statusCode())
        .as("closing the attacker's environment ends its long-poll with nothing")
        .isEqualTo(410);
  }

  @Test
  void aNodeHoldsHundredsOfEnvironmentsEachWithItsOwnPort() throws Exception {
    List<RuntimeChannel> channels = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      channels.add(server.open());
    }
    RuntimeChannel last = channels.getLast();
    CompletableFuture<RuntimeOutcome> outcome = last.submit(invocation("r300", "{}"));
    assertThat(get(last, "invocation/next").body()).isEqualTo("{}");
    post(last, "invocation/r300/response", "1", null);
    assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(RuntimeOutcome.Success.class);
    assertThat(channels.stream().map(RuntimeChannel::port).distinct()).hasSize(300);
    channels.forEach(RuntimeChannel::close);
  }

  @Test
  void environmentsComeAndGoWithoutDisturbingTheOthers() throws Exception {
    RuntimeChannel first = server.open();
    RuntimeChannel other = server.open();
    first.close();
    // The first environment's port is released in the background, within the shutdown grace:
    // keep opening, serving and closing environments until well past it.
    long until = System.nanoTime() + 2 * RuntimeApiServer.SHUTDOWN_GRACE.toNanos();
    for (int i = 0; System.nanoTime() < until; i++) {
      RuntimeChannel channel = server.open();
      assertServes(channel, "r" + i);
      channel.close();
    }
    assertServes(other, "other");
  }

  private void assertServes(RuntimeChannel channel, String id) throws Exception {
    CompletableFuture<HttpResponse<String>> next =
        http.sendAsync(
            request(channel, "invocation/next").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    channel.initialized().get(10, TimeUnit.SECONDS); // the long-poll waits
    CompletableFuture<RuntimeOutcome> outcome = channel.submit(invocation(id, "{}"));
    assertThat(next.get(10, TimeUnit.SECONDS).statusCode()).as(id).isEqualTo(200);
    post(channel, "invocation/" + id + "/response", "1", null);
    assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(RuntimeOutcome.Success.class);
  }

  @Test
  void responsesOverSixMegabytesAreRefusedAndFailTheInvocation() throws Exception {
    RuntimeChannel channel = server.open();
    CompletableFuture<RuntimeOutcome> outcome = channel.submit(invocation("big", "{}"));
    get(channel, "invocation/next");
    String huge = "\"" + "x".repeat(RuntimeApiServer.MAX_RESPONSE) + "\"";
    HttpResponse<String> reply = post(channel, "invocation/big/response", huge, null);
    assertThat(reply.statusCode()).isEqualTo(413);
    assertThat(reply.body()).contains("RequestEntityTooLarge");
    assertThat(outcome.get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            RuntimeOutcome.FunctionError.class,
            e -> assertThat(e.errorType()).isEqualTo("Function.ResponseSizeTooLarge"));
  }

  @Test
  void streamedResponsesAreAssembledAndErrorTrailersBecomeFunctionErrors() throws Exception {
    RuntimeChannel channel = server.open();
    CompletableFuture<RuntimeOutcome> ok = channel.submit(invocation("s1", "{}"));
    get(channel, "invocation/next");
    assertThat(streamed(channel, "s1", new String[] {"hel", "lo"}, null))
        .startsWith("HTTP/1.1 202");
    assertThat(ok.get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            RuntimeOutcome.Success.class,
            s -> assertThat(new String(s.payload(), StandardCharsets.UTF_8)).isEqualTo("hello"));

    CompletableFuture<RuntimeOutcome> failed = channel.submit(invocation("s2", "{}"));
    get(channel, "invocation/next");
    String errorBody = "{\"errorMessage\":\"mid-stream\",\"errorType\":\"StreamError\"}";
    streamed(channel, "s2", new String[] {"partial"}, errorBody);
    assertThat(failed.get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            RuntimeOutcome.FunctionError.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("StreamError");
              assertThat(new String(e.body(), StandardCharsets.UTF_8)).isEqualTo(errorBody);
            });
  }

  @Test
  void aStemCellWaitsForTheEnvironmentOfItsFunction() throws Exception {
    RuntimeChannel channel = server.open();
    assertThat(post(channel, "gust/ready", "", null).statusCode())
        .as("a cell's warm-up round trip")
        .isEqualTo(202);
    assertThat(channel.awaitingSpecialization()).as("not polling yet").isNotDone();
    CompletableFuture<HttpResponse<String>> poll = specializationPoll(channel);
    channel.awaitingSpecialization().get(10, TimeUnit.SECONDS);
    assertThat(poll).as("the poll waits for the function").isNotDone();

    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("_HANDLER", "app.handler");
    environment.put("STAGE", "test");
    environment.put("AWS_LAMBDA_FUNCTION_NAME", "f");
    environment.put("QUOTED", "é \"q\" \\ \n");
    channel.specialize(environment);
    HttpResponse<String> answer = poll.get(10, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode delivered = JSON.readTree(answer.body()).get("environment");
    assertThat(JSON.convertValue(delivered, Map.class)).isEqualTo(environment);
    assertThat(delivered.fieldNames())
        .toIterable()
        .as("in the order given")
        .containsExactly("_HANDLER", "STAGE", "AWS_LAMBDA_FUNCTION_NAME", "QUOTED");
    assertThat(get(channel, "gust/specialization").body())
        .as("a cell that asks again gets the same answer")
        .isEqualTo(answer.body());

    assertThatThrownBy(() -> channel.specialize(Map.of("_HANDLER", "other.handler")))
        .isInstanceOf(IllegalTransitionException.class);
    channel.close();
    assertThat(channel.submit(invocation("after", "{}")))
        .as("a specialized channel closes as any other")
        .isCompletedExceptionally();
  }

  @Test
  void closingTheChannelOfAnUnspecializedCellEndsItsPoll() throws Exception {
    RuntimeChannel channel = server.open();
    CompletableFuture<HttpResponse<String>> poll = specializationPoll(channel);
    channel.awaitingSpecialization().get(10, TimeUnit.SECONDS);
    channel.close();
    assertThat(poll.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(410);
    assertThatThrownBy(() -> channel.specialize(Map.of("_HANDLER", "app.handler")))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void aCellThatNeverConnectedIsNotAwaitingOnceClosed() {
    RuntimeChannel channel = server.open();
    channel.close();
    assertThat(channel.awaitingSpecialization()).isCompletedExceptionally();
  }

  @Test
  void anEnvironmentNoProcessCanBeStartedWithIsRefused() throws Exception {
    RuntimeChannel channel = server.open();
    for (Map<String, String> invalid :
        List.of(Map.of("A=B", "x"), Map.of("", "x"), Map.of("NUL\0", "x"), Map.of("A", "x\0y"))) {
      assertThatThrownBy(() -> channel.specialize(invalid))
          .as("%s", invalid)
          .isInstanceOf(IllegalArgumentException.class);
    }
    channel.specialize(Map.of("A", "x=y"));
    assertThat(JSON.readTree(get(channel, "gust/specialization").body()).get("environment"))
        .isEqualTo(JSON.readTree("{\"A\":\"x=y\"}"));
  }

  @Test
  void closingFailsWhatIsOutstanding() throws Exception {
    RuntimeChannel channel = server.open();
    CompletableFuture<RuntimeOutcome> outcome = channel.submit(invocation("late", "{}"));
    channel.close();
    assertThat(outcome).isCompletedExceptionally();
    assertThat(channel.submit(invocation("after", "{}"))).isCompletedExceptionally();
  }

  /** Sends a chunked, streaming-mode response by hand, with error trailers if given. */
  private static String streamed(
      RuntimeChannel channel, String id, String[] chunks, String errorBody) throws Exception {
    String[] hostPort = channel.address().split(":");
    try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
      StringBuilder text =
          new StringBuilder()
              .append("POST /2018-06-01/runtime/invocation/")
              .append(id)
              .append("/response HTTP/1.1\r\n")
              .append("Host: ")
              .append(channel.address())
              .append("\r\n")
              .append("Lambda-Runtime-Function-Response-Mode: streaming\r\n")
              .append("Transfer-Encoding: chunked\r\n")
              .append(
                  "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n")
              .append("Connection: close\r\n\r\n");
      for (String chunk : chunks) {
        text.append(Integer.toHexString(chunk.length()))
            .append("\r\n")
            .append(chunk)
            .append("\r\n");
      }
      text.append("0\r\n");
      if (errorBody != null) {
        text.append("Lambda-Runtime-Function-Error-Type: StreamError\r\n")
            .append("Lambda-Runtime-Function-Error-Body: ")
            .append(Base64.getEncoder().encodeToString(errorBody.getBytes(StandardCharsets.UTF_8)))
            .append("\r\n");
      }
      text.append("\r\n");
      socket.getOutputStream().write(text.toString().getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Invocation invocation(String id, String payload) {
    return invocation(id, payload, Optional.empty(), Optional.empty());
  }

  private static Invocation invocation(
      String id, String payload, Optional<String> trace, Optional<String> clientContext) {
    return new Invocation(
        id,
        payload.getBytes(StandardCharsets.UTF_8),
        1_900_000_000_000L,
        "arn:aws:lambda:us-east-1:000000000000:function:f",
        trace,
        clientContext,
        Optional.empty());
  }

  private HttpRequest.Builder request(RuntimeChannel channel, String resource) {
    return HttpRequest.newBuilder(
            URI.create("http://" + channel.address() + "/2018-06-01/runtime/" + resource))
        .timeout(DEADLINE);
  }

  private CompletableFuture<HttpResponse<String>> specializationPoll(RuntimeChannel channel) {
    return http.sendAsync(
        request(channel, "gust/specialization").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(RuntimeChannel channel, String resource) throws Exception {
    return http.send(
        request(channel, resource).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(
      RuntimeChannel channel, String resource, String body, String errorType) throws Exception {
    HttpRequest.Builder builder =
        request(channel, resource).POST(HttpRequest.BodyPublishers.ofString(body));
    if (errorType != null) {
      builder.header("Lambda-Runtime-Function-Error-Type", errorType);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
