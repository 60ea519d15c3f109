package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.testkit.Zips;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * Every class of bad input gets the 4xx error AWS returns for it, and none of them costs the server
 * its health or a stored function. A function created before each test must be intact after it.
 */
class BadInputTest extends LambdaTestBase {

  private String keptRevision;

  @BeforeEach
  void storeAFunctionThatMustSurvive() {
    keptRevision = createActive("survivor").revisionId();
  }

  @AfterEach
  void serverStillServesAndLostNothing() throws Exception {
    assertThat(raw("GET", "/_gust/health", new byte[0]).statusCode()).isEqualTo(200);
    assertThat(lambda.getFunctionConfiguration(r -> r.functionName("survivor")).revisionId())
        .isEqualTo(keptRevision);
  }

  @Test
  void malformedJsonIsInvalidRequestContent() throws Exception {
    HttpResponse<String> reply =
        raw(
            "POST",
            "/2015-03-31/functions",
            "{\"FunctionName\": ".getBytes(StandardCharsets.UTF_8));
    assertError(reply, 400, "InvalidRequestContentException");
    assertThat(reply.body()).contains("\"Type\":\"User\"").contains("Could not parse request body");
  }

  @Test
  void wrongMemberTypesAreInvalidRequestContent() throws Exception {
    String body =
        "{\"FunctionName\":\"typed\",\"Role\":\""
            + ROLE
            + "\",\"MemorySize\":\"lots\","
            + "\"Runtime\":\"python3.13\",\"Handler\":\"h.h\",\"Code\":{\"ZipFile\":\"\"}}";
    assertError(
        raw("POST", "/2015-03-31/functions", body.getBytes(StandardCharsets.UTF_8)),
        400,
        "InvalidRequestContentException");
    assertError(
        raw(
            "PUT",
            "/2015-03-31/functions/survivor/configuration",
            "[1,2]".getBytes(StandardCharsets.UTF_8)),
        400,
        "InvalidRequestContentException");
  }

  @Test
  void unknownOperationsAreReportedNotCrashed() throws Exception {
    assertError(
        raw("GET", "/2015-03-31/nothing-here", new byte[0]), 404, "UnknownOperationException");
    assertError(
        raw("PATCH", "/2015-03-31/functions", new byte[0]), 404, "UnknownOperationException");
  }

  @Test
  void malformedPercentEscapesInPathsAreClientErrors() throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET /2015-03-31/functions/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(reply).startsWith("HTTP/1.1 400");
    }
  }

  @Test
  void oversizedBodiesAreRefusedWith413() throws Exception {
    byte[] sevenMegabytes = new byte[7 * 1024 * 1024];
    HttpResponse<String> publish =
        raw("POST", "/2015-03-31/functions/survivor/versions", sevenMegabytes);
    assertError(publish, 413, "RequestEntityTooLargeException");
    assertThat(publish.body()).contains("PublishVersion");
    HttpResponse<String> create = raw("POST", "/2015-03-31/functions", new byte[70_000_000]);
    assertError(create, 413, "RequestEntityTooLargeException");
  }

  @Test
  void codeThatIsNotAZipIsRefused() {
    assertLambdaError(
        () ->
            lambda.createFunction(
                function("notzip")
                    .code(c -> c.zipFile(SdkBytes.fromUtf8String("print('hi')")))
                    .build()),
        400,
        "InvalidParameterValueException",
        "Could not unzip uploaded file");
  }

  @Test
  void zipSlipEntriesAreRefused() {
    byte[] slip = Zips.of(Map.of("handler.py", "x = 1\n", "../../etc/cron.d/evil", "boom"));
    assertLambdaError(
        () ->
            lambda.createFunction(
                function("slip").code(c -> c.zipFile(SdkBytes.fromByteArray(slip))).build()),
        400,
        "InvalidParameterValueException",
        "outside the function's directory");
    byte[] absolute = Zips.of(Map.of("/tmp/evil.py", "x = 1\n"));
    assertLambdaError(
        () ->
            lambda.updateFunctionCode(
                r -> r.functionName("survivor").zipFile(SdkBytes.fromByteArray(absolute))),
        400,
        "InvalidParameterValueException",
        "outside the function's directory");
  }

  @Test
  void zipBombsBeyondTheUnzippedLimitAreRefused() {
    byte[] bomb = Zips.bomb(262_144_000L + 1_048_576L);
    assertThat(bomb.length).isLessThan(1_000_000);
    assertLambdaError(
        () ->
            lambda.createFunction(
                function("bomb").code(c -> c.zipFile(SdkBytes.fromByteArray(bomb))).build()),
        400,
        "InvalidParameterValueException",
        "Unzipped size must be smaller than 262144000 bytes");
  }

  @Test
  void staleRevisionIdsArePreconditionFailures() {
    lambda.updateFunctionConfiguration(
        r -> r.functionName("survivor").revisionId(keptRevision).timeout(10));
    awaitUpdated("survivor");
    assertLambdaError(
        () ->
            lambda.updateFunctionConfiguration(
                r -> r.functionName("survivor").revisionId(keptRevision).timeout(20)),
        412,
        "PreconditionFailedException",
        "Revision Id");
    keptRevision = lambda.getFunctionConfiguration(r -> r.functionName("survivor")).revisionId();
  }

  @Test
  void concurrentUpdatesEachSucceedOrConflictAndNoneIsLost() throws Exception {
    List<Integer> memories = List.of(256, 384, 512, 640, 768, 896, 1024, 1152);
    List<Callable<Integer>> updates = new ArrayList<>();
    for (int memory : memories) {
      updates.add(
          () -> {
            try {
              lambda.updateFunctionConfiguration(
                  r -> r.functionName("survivor").memorySize(memory));
              return memory;
            } catch (LambdaException e) {
              assertThat(e.statusCode()).isEqualTo(409);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceConflictException");
              return -1;
            }
          });
    }
    List<Integer> applied = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(memories.size())) {
      for (Future<Integer> result : pool.invokeAll(updates)) {
        if (result.get() > 0) {
          applied.add(result.get());
        }
      }
    }
    assertThat(applied).isNotEmpty();
    awaitUpdated("survivor");
    assertThat(lambda.getFunctionConfiguration(r -> r.functionName("survivor")).memorySize())
        .isIn(applied);
    keptRevision = lambda.getFunctionConfiguration(r -> r.functionName("survivor")).revisionId();
  }

  static Stream<Arguments> invalidCreates() {
    return Stream.of(
        Arguments.of(
            "memory below 128",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.memorySize(64),
            400,
            "ValidationException"),
        Arguments.of(
            "memory above 10240",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.memorySize(10_241),
            400,
            "ValidationException"),
        Arguments.of(
            "timeout 0",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.timeout(0),
            400,
            "ValidationException"),
        Arguments.of(
            "timeout 901",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.timeout(901),
            400,
            "ValidationException"),
        Arguments.of(
            "ephemeral storage 511",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.ephemeralStorage(e -> e.size(511)),
            400,
            "ValidationException"),
        Arguments.of(
            "ephemeral storage 10241",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.ephemeralStorage(e -> e.size(10_241)),
            400,
            "ValidationException"),
        Arguments.of(
            "name with a space",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.functionName("bad name"),
            400,
            "ValidationException"),
        Arguments.of(
            "name of 65 characters",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.functionName("a".repeat(65)),
            400,
            "ValidationException"),
        Arguments.of(
            "unknown runtime",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.runtime("cobol85"),
            400,
            "ValidationException"),
        Arguments.of(
            "deprecated runtime",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.runtime("python3.8"),
            400,
            "InvalidParameterValueException"),
        Arguments.of(
            "runtime Gust does not run",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.runtime("dotnet8"),
            400,
            "InvalidParameterValueException"),
        Arguments.of(
            "handler with whitespace",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.handler("my handler"),
            400,
            "ValidationException"),
        Arguments.of(
            "missing handler",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.handler(null),
            400,
            "InvalidParameterValueException"),
        Arguments.of(
            "role that is not a role ARN",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.role("admin"),
            400,
            "ValidationException"),
        Arguments.of(
            "environment over 4 KB",
            (Consumer<CreateFunctionRequest.Builder>)
                b -> b.environment(e -> e.variables(Map.of("BIG", "x".repeat(4100)))),
            400,
            "InvalidParameterValueException"),
        Arguments.of(
            "reserved environment key",
            (Consumer<CreateFunctionRequest.Builder>)
                b -> b.environment(e -> e.variables(Map.of("AWS_REGION", "mars-1"))),
            400,
            "InvalidParameterValueException"),
        Arguments.of(
            "container image",
            (Consumer<CreateFunctionRequest.Builder>)
                b -> b.code(c -> c.imageUri("123.dkr.ecr.us-east-1.amazonaws.com/fn:1")),
            400,
            "InvalidParameterValueException"),
        Arguments.of(
            "code from S3",
            (Consumer<CreateFunctionRequest.Builder>)
                b -> b.code(c -> c.s3Bucket("bucket").s3Key("fn.zip")),
            400,
            "InvalidParameterValueException"),
        Arguments.of(
            "an existing name",
            (Consumer<CreateFunctionRequest.Builder>) b -> b.functionName("survivor"),
            409,
            "ResourceConflictException"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCreates")
  void invalidCreateFunctionRequests(
      String label, Consumer<CreateFunctionRequest.Builder> change, int status, String errorCode) {
    CreateFunctionRequest.Builder request = function("candidate");
    change.accept(request);
    assertLambdaError(() -> lambda.createFunction(request.build()), status, errorCode, "");
    if (!label.equals("an existing name")) {
      assertThat(lambda.listFunctions().functions())
          .extracting(f -> f.functionName())
          .containsExactly("survivor");
    }
  }

  @Test
  void missingThingsAreNotFound() {
    assertLambdaError(
        () -> lambda.getFunction(r -> r.functionName("ghost")),
        404,
        "ResourceNotFoundException",
        "Function not found: arn:aws:lambda:us-east-1:000000000000:function:ghost");
    assertLambdaError(
        () -> lambda.getFunction(r -> r.functionName("survivor").qualifier("7")),
        404,
        "ResourceNotFoundException",
        "function:survivor:7");
    assertLambdaError(
        () -> lambda.getAlias(r -> r.functionName("survivor").name("prod")),
        404,
        "ResourceNotFoundException",
        "");
    assertLambdaError(
        () -> lambda.createAlias(r -> r.functionName("survivor").name("prod").functionVersion("3")),
        404,
        "ResourceNotFoundException",
        "");
    assertLambdaError(
        () -> lambda.deleteFunction(r -> r.functionName("survivor").qualifier("$LATEST")),
        400,
        "InvalidParameterValueException",
        "$LATEST");
  }

  @Test
  void functionsInAnotherRegionAreInvisible() {
    try (var westClient =
        dev.gust.testkit.AwsClients.lambda(
            server.url(), software.amazon.awssdk.regions.Region.EU_WEST_1)) {
      assertLambdaError(
          () -> westClient.getFunction(r -> r.functionName("survivor")),
          404,
          "ResourceNotFoundException",
          "eu-west-1");
      assertThat(
              lambda
                  .getFunction(
                      r ->
                          r.functionName("arn:aws:lambda:us-east-1:000000000000:function:survivor"))
                  .configuration()
                  .functionName())
          .isEqualTo("survivor");
    }
  }

  @Test
  void reservedConcurrencyCannotStarveTheUnreservedPool() {
    assertLambdaError(
        () ->
            lambda.putFunctionConcurrency(
                r -> r.functionName("survivor").reservedConcurrentExecutions(901)),
        400,
        "InvalidParameterValueException",
        "below its minimum value of [100]");
    lambda.putFunctionConcurrency(
        r -> r.functionName("survivor").reservedConcurrentExecutions(900));
    assertThat(lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions())
        .isEqualTo(100);
    lambda.deleteFunctionConcurrency(r -> r.functionName("survivor"));
  }

  @Test
  void aliasRoutingFollowsLambdasRules() {
    lambda.publishVersion(r -> r.functionName("survivor"));
    assertLambdaError(
        () ->
            lambda.createAlias(
                r ->
                    r.functionName("survivor")
                        .name("a")
                        .functionVersion("$LATEST")
                        .routingConfig(c -> c.additionalVersionWeights(Map.of("1", 0.5)))),
        400,
        "InvalidParameterValueException",
        "$LATEST is not supported");
    assertLambdaError(
        () ->
            lambda.createAlias(
                r ->
                    r.functionName("survivor")
                        .name("a")
                        .functionVersion("1")
                        .routingConfig(c -> c.additionalVersionWeights(Map.of("1", 1.5)))),
        400,
        "ValidationException",
        "");
    assertLambdaError(
        () -> lambda.createAlias(r -> r.functionName("survivor").name("123").functionVersion("1")),
        400,
        "ValidationException",
        "");
    lambda.createAlias(r -> r.functionName("survivor").name("live").functionVersion("1"));
    assertLambdaError(
        () -> lambda.createAlias(r -> r.functionName("survivor").name("live").functionVersion("1")),
        409,
        "ResourceConflictException",
        "Alias already exists");
    assertLambdaError(
        () -> lambda.deleteFunction(r -> r.functionName("survivor").qualifier("1")),
        409,
        "ResourceConflictException",
        "[live]");
  }

  private static void assertError(HttpResponse<String> reply, int status, String type) {
    assertThat(reply.statusCode()).isEqualTo(status);
    assertThat(reply.headers().firstValue("x-amzn-ErrorType")).contains(type);
    assertThat(reply.headers().firstValue("x-amzn-RequestId")).isPresent();
  }

  private static void assertLambdaError(
      Runnable call, int status, String code, String messagePart) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(status);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
              assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
            });
  }
}
