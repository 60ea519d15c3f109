package dev.gust.lambdaapi;

import static dev.gust.lambdaapi.InvokeSideFixture.ARN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.wire.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Invoke} and {@code InvokeAsync} on the wire, driven through the router with HTTP-shaped
 * requests: what each invocation type answers, what reaches the asynchronous path, and which
 * requests are refused before anything runs.
 */
class InvokeRoutesTest {

  private static final String INVOKE = "/2015-03-31/functions/%s/invocations";
  private static final String INVOKE_ASYNC = "/2014-11-13/functions/%s/invoke-async/";

  @TempDir Path dir;
  private InvokeSideFixture lambda;

  @BeforeEach
  void open() {
    lambda = new InvokeSideFixture(dir);
    lambda.function("f", 1);
  }

  @AfterEach
  void close() {
    lambda.close();
  }

  @Test
  void anEventIsAcceptedWith202AndNoBodyCarryingItsPayloadAndLineage() {
    byte[] payload = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
    HttpResponse reply =
        lambda.send(
            "POST",
            INVOKE.formatted("f"),
            "Qualifier=1",
            payload,
            Map.of(
                "X-Amz-Invocation-Type", List.of("Event"),
                "X-Amzn-Trace-Id",
                    List.of("Root=1-5e1b4151-43a0913a12345678901234567;Lineage=a87bd80c:2")));

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body()).isEmpty();
    assertThat(reply.headers()).containsOnlyKeys("x-amzn-RequestId");
    assertThat(lambda.accepted).hasSize(1);
    InvokeSideFixture.Accepted event = lambda.accepted.getFirst();
    assertThat(event.invokedArn()).isEqualTo(ARN + "f:1");
    assertThat(event.payload()).as("the body itself, not a copy").isSameAs(payload);
    assertThat(event.requestId()).isEqualTo(reply.headers().get("x-amzn-RequestId"));
    assertThat(event.lineage()).isEqualTo(3);
  }

  @Test
  void anEmptyEventIsAnEmptyJsonObject() {
    HttpResponse reply =
        lambda.send("POST", INVOKE.formatted("f"), "", "", "X-Amz-Invocation-Type", "Event");

    assertThat(reply.status()).isEqualTo(202);
    assertThat(new String(lambda.accepted.getFirst().payload(), StandardCharsets.UTF_8))
        .isEqualTo("{}");
    assertThat(lambda.accepted.getFirst().lineage()).isZero();
  }

  @Test
  void aDryRunResolvesTheFunctionAndAnswers204() {
    HttpResponse dryRun =
        lambda.send("POST", INVOKE.formatted("f"), "", "{}", "X-Amz-Invocation-Type", "DryRun");
    HttpResponse missing =
        lambda.send("POST", INVOKE.formatted("g"), "", "{}", "X-Amz-Invocation-Type", "DryRun");

    assertThat(dryRun.status()).isEqualTo(204);
    assertThat(dryRun.headers()).containsOnlyKeys("x-amzn-RequestId");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.bodyText())
        .isEqualTo("{\"Type\":\"User\",\"message\":\"Function not found: " + ARN + "g\"}");
    assertThat(lambda.accepted).isEmpty();
  }

  @Test
  void aSynchronousInvokeNoWorkerCanTakeIsThrottledWithItsReason() {
    HttpResponse reply = lambda.send("POST", INVOKE.formatted("f"), "", "{}");

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.headers()).containsEntry("x-amzn-ErrorType", "TooManyRequestsException");
    assertThat(reply.bodyText()).contains("\"Reason\":\"ConcurrentInvocationLimitExceeded\"");
  }

  @Test
  void payloadsThatAreNotJsonAreRefusedBeforeAnythingRuns() {
    HttpResponse reply =
        lambda.send(
            "POST", INVOKE.formatted("f"), "", "{not json", "X-Amz-Invocation-Type", "Event");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.headers()).containsEntry("x-amzn-ErrorType", "InvalidRequestContentException");
    assertThat(reply.bodyText())
        .contains("Could not parse request body into json: Could not parse payload into json: ");
    assertThat(lambda.accepted).isEmpty();
  }

  @Test
  void anEventOverOneMegabyteIsTooLarge() {
    byte[] big = ("\"" + "a".repeat(1_048_575) + "\"").getBytes(StandardCharsets.UTF_8);
    HttpResponse reply =
        lambda.send(
            "POST",
            INVOKE.formatted("f"),
            "",
            big,
            Map.of("X-Amz-Invocation-Type", List.of("Event")));

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.bodyText())
        .contains("Request must be smaller than 1048576 bytes for the InvokeFunction operation");
    assertThat(lambda.accepted).isEmpty();
  }

  @Test
  void aPayloadOverSixMegabytesIsTooLargeInLambdasWords() {
    HttpResponse reply =
        lambda.send("POST", INVOKE.formatted("f"), "", new byte[6_291_457], Map.of());

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.headers()).containsEntry("x-amzn-ErrorType", "RequestEntityTooLargeException");
    assertThat(reply.bodyText())
        .contains("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
  }

  @Test
  void badClientContextsAreRefused() {
    HttpResponse notBase64 =
        lambda.send("POST", INVOKE.formatted("f"), "", "{}", "X-Amz-Client-Context", "%%%");
    HttpResponse tooLong =
        lambda.send(
            "POST", INVOKE.formatted("f"), "", "{}", "X-Amz-Client-Context", "e30=".repeat(900));

    assertThat(notBase64.headers())
        .containsEntry("x-amzn-ErrorType", "InvalidRequestContentException");
    assertThat(tooLong.headers())
        .containsEntry("x-amzn-ErrorType", "InvalidParameterValueException");
  }

  @Test
  void invokeAsyncIsAnEventAnsweredWithItsStatus() {
    byte[] args = "{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8);
    HttpResponse reply = lambda.send("POST", INVOKE_ASYNC.formatted("f"), "", args, Map.of());

    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.headers()).containsEntry("Content-Type", "application/json");
    assertThat(reply.bodyText()).isEqualTo("{\"Status\":202}");
    assertThat(lambda.accepted)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.invokedArn()).isEqualTo(ARN + "f");
              assertThat(event.payload()).isSameAs(args);
              assertThat(event.requestId()).isEqualTo(reply.headers().get("x-amzn-RequestId"));
              assertThat(event.lineage()).isZero();
            });
  }

  @Test
  void invokeAsyncOfAQualifiedNameInvokesThatVersion() {
    HttpResponse reply = lambda.send("POST", "/2014-11-13/functions/f%3A1/invoke-async", "", "{}");

    assertThat(reply.status()).isEqualTo(202);
    assertThat(lambda.accepted.getFirst().invokedArn()).isEqualTo(ARN + "f:1");
  }

  @Test
  void invokeAsyncRefusesMissingFunctionsBadPayloadsAndLargeEvents() {
    HttpResponse missing = lambda.send("POST", INVOKE_ASYNC.formatted("ghost"), "", "{}");
    HttpResponse notJson = lambda.send("POST", INVOKE_ASYNC.formatted("f"), "", "[1,");
    HttpResponse large =
        lambda.send("POST", INVOKE_ASYNC.formatted("f"), "", new byte[1_048_577], Map.of());

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.headers()).containsEntry("x-amzn-ErrorType", "ResourceNotFoundException");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.headers())
        .containsEntry("x-amzn-ErrorType", "InvalidRequestContentException");
    assertThat(large.status()).isEqualTo(413);
    assertThat(large.bodyText()).contains("InvokeAsync");
    assertThat(lambda.accepted).isEmpty();
  }

  @Test
  void invokeWithResponseStreamIsNotServedYet() {
    HttpResponse reply =
        lambda.send("POST", "/2021-11-15/functions/f/response-streaming-invocations", "", "{}");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.headers()).containsEntry("x-amzn-ErrorType", "UnknownOperationException");
    assertThat(LambdaInvokeModel.MODEL.unsupported()).containsExactly("InvokeWithResponseStream");
  }
}
