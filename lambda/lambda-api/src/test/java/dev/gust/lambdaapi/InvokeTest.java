package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.testkit.Zips;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/** Synchronous invocation of real Python handlers in real runtime processes, through the SDK. */
class InvokeTest extends LambdaTestBase {

  private static final byte[] HANDLERS =
      Zips.of(
          Map.of(
              "app.py",
              """
              import os, time
              def echo(event, context):
                  return {
                      "event": event,
                      "function": context.function_name,
                      "version": context.function_version,
                      "memory": context.memory_limit_in_mb,
                      "arn": context.invoked_function_arn,
                      "requestId": context.aws_request_id,
                      "remaining": context.get_remaining_time_in_millis(),
                      "pid": os.getpid(),
                      "env": {k: os.environ.get(k) for k in (
                          "STAGE", "AWS_LAMBDA_FUNCTION_NAME", "AWS_REGION", "_HANDLER",
                          "AWS_EXECUTION_ENV", "AWS_ENDPOINT_URL", "AWS_LAMBDA_RUNTIME_API")},
                      "clientContext": getattr(context.client_context, "custom", None),
                  }
              def fail(event, context):
                  raise ValueError("bad input: " + str(event.get("n")))
              def sleep(event, context):
                  time.sleep(30)
              def crash(event, context):
                  os._exit(3)
              """));

  private void deploy(String name, String handler, int timeout) {
    lambda.createFunction(
        function(name)
            .handler(handler)
            .timeout(timeout)
            .environment(e -> e.variables(Map.of("STAGE", "test")))
            .code(c -> c.zipFile(SdkBytes.fromByteArray(HANDLERS)))
            .build());
    waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
  }

  private InvokeResponse invoke(String name, String payload) {
    return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
  }

  @Test
  void aHandlerSeesItsEventContextAndEnvironment() {
    deploy("echo", "app.echo", 10);
    String context =
        Base64.getEncoder()
            .encodeToString("{\"custom\":{\"tenant\":\"t1\"}}".getBytes(StandardCharsets.UTF_8));
    InvokeResponse reply =
        lambda.invoke(
            r ->
                r.functionName("echo")
                    .clientContext(context)
                    .payload(SdkBytes.fromUtf8String("{\"a\":1}")));
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.functionError()).isNull();
    assertThat(reply.executedVersion()).isEqualTo("$LATEST");
    String body = reply.payload().asUtf8String();
    assertThat(body)
        .contains("\"event\": {\"a\": 1}")
        .contains("\"function\": \"echo\"")
        .contains("\"version\": \"$LATEST\"")
        .contains("\"memory\": 128")
        .contains("\"arn\": \"arn:aws:lambda:us-east-1:000000000000:function:echo\"")
        .contains("\"STAGE\": \"test\"")
        .contains("\"AWS_LAMBDA_FUNCTION_NAME\": \"echo\"")
        .contains("\"AWS_REGION\": \"us-east-1\"")
        .contains("\"_HANDLER\": \"app.echo\"")
        .contains("\"AWS_EXECUTION_ENV\": \"AWS_Lambda_python3.13\"")
        .contains("\"AWS_ENDPOINT_URL\": \"" + server.url() + "\"")
        .contains("\"clientContext\": {\"tenant\": \"t1\"}")
        .contains("\"requestId\": \"" + reply.responseMetadata().requestId() + "\"");
  }

  @Test
  void warmEnvironmentsAreReused() {
    deploy("warm", "app.echo", 10);
    String first = invoke("warm", "{}").payload().asUtf8String();
    String second = invoke("warm", "{}").payload().asUtf8String();
    assertThat(pid(second)).isEqualTo(pid(first));
  }

  @Test
  void unhandledExceptionsAreFunctionErrors() {
    deploy("fails", "app.fail", 10);
    InvokeResponse reply = invoke("fails", "{\"n\": 7}");
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.functionError()).isEqualTo("Unhandled");
    assertThat(reply.payload().asUtf8String())
        .contains("\"errorType\": \"ValueError\"")
        .contains("\"errorMessage\": \"bad input: 7\"")
        .contains("stackTrace");
  }

  @Test
  void timeoutsDestroyTheEnvironmentAndSayHowLong() {
    deploy("sleeper", "app.sleep", 1);
    InvokeResponse reply = invoke("sleeper", "{}");
    assertThat(reply.functionError()).isEqualTo("Unhandled");
    assertThat(reply.payload().asUtf8String()).contains("Task timed out after 1.00 seconds");
  }

  @Test
  void aCrashedRuntimeIsReportedAndReplaced() {
    deploy("crasher", "app.crash", 10);
    InvokeResponse reply = invoke("crasher", "{}");
    assertThat(reply.functionError()).isEqualTo("Unhandled");
    assertThat(reply.payload().asUtf8String())
        .contains("Runtime.ExitError")
        .contains("exit status 3");
    assertThat(invoke("crasher", "{}").payload().asUtf8String()).contains("exit status 3");
  }

  @Test
  void initFailuresAreReportedAsLambdaReportsThem() {
    deploy("missing", "nowhere.handler", 10);
    InvokeResponse reply = invoke("missing", "{}");
    assertThat(reply.functionError()).isEqualTo("Unhandled");
    assertThat(reply.payload().asUtf8String())
        .contains("Runtime.ImportModuleError")
        .contains("Unable to import module 'nowhere'");
    deploy("nohandler", "app.absent", 10);
    assertThat(invoke("nohandler", "{}").payload().asUtf8String())
        .contains("Runtime.HandlerNotFound");
  }

  @Test
  void weightedAliasesReportTheVersionTheyRan() {
    deploy("routed", "app.echo", 10);
    lambda.publishVersion(r -> r.functionName("routed"));
    lambda.updateFunctionConfiguration(r -> r.functionName("routed").memorySize(256));
    awaitUpdated("routed");
    lambda.publishVersion(r -> r.functionName("routed"));
    lambda.createAlias(
        r ->
            r.functionName("routed")
                .name("live")
                .functionVersion("1")
                .routingConfig(c -> c.additionalVersionWeights(Map.of("2", 1.0))));
    InvokeResponse reply =
        lambda.invoke(
            r -> r.functionName("routed").qualifier("live").payload(SdkBytes.fromUtf8String("{}")));
    assertThat(reply.executedVersion()).isEqualTo("2");
    assertThat(reply.payload().asUtf8String())
        .contains("\"memory\": 256")
        .contains("\"version\": \"2\"");
    InvokeResponse pinned =
        lambda.invoke(
            r -> r.functionName("routed").qualifier("1").payload(SdkBytes.fromUtf8String("{}")));
    assertThat(pinned.executedVersion()).isEqualTo("1");
  }

  @Test
  void badPayloadsAreRefusedBeforeAnythingRuns() throws Exception {
    deploy("strict", "app.echo", 10);
    assertThatThrownBy(() -> invoke("strict", "{not json"))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("InvalidRequestContentException"));
    String big = "\"" + "x".repeat(6 * 1024 * 1024) + "\"";
    assertThatThrownBy(() -> invoke("strict", big))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(413);
              assertThat(e.awsErrorDetails().errorCode())
                  .isEqualTo("RequestEntityTooLargeException");
            });
    assertThat(
            lambda
                .invoke(r -> r.functionName("strict").invocationType(InvocationType.DRY_RUN))
                .statusCode())
        .isEqualTo(204);
    var badLogType =
        raw(
            "POST",
            "/2015-03-31/functions/strict/invocations",
            "{}".getBytes(StandardCharsets.UTF_8),
            "X-Amz-Log-Type",
            "Everything");
    assertThat(badLogType.statusCode()).isEqualTo(400);
    assertThat(badLogType.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
    assertThat(badLogType.body()).contains("Member must satisfy enum value set: [Tail, None]");
  }

  @Test
  void aCustomRuntimeWithoutAnExecutableBootstrapIsAnInvalidEntrypoint() {
    lambda.createFunction(
        function("custom")
            .runtime("provided.al2023")
            .handler("any")
            .code(
                c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("bootstrap", "#!/bin/sh\n")))))
            .build());
    waiter.waitUntilFunctionActiveV2(r -> r.functionName("custom"));
    InvokeResponse reply = invoke("custom", "{}");
    assertThat(reply.functionError()).isEqualTo("Unhandled");
    assertThat(reply.payload().asUtf8String())
        .contains("\"errorType\":\"Runtime.InvalidEntrypoint\"")
        .contains("Couldn't find valid bootstrap(s)");
  }

  private static String pid(String body) {
    int at = body.indexOf("\"pid\": ") + 7;
    return body.substring(at, body.indexOf(',', at));
  }
}
