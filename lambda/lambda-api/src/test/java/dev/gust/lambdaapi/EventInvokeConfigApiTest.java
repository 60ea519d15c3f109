package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Scope;
import dev.gust.registry.EventInvokeConfig;
import dev.gust.testkit.Zips;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionEventInvokeConfigResponse;

/**
 * The asynchronous invocation configuration API driven by the unmodified AWS SDK for Java v2:
 * function {@code orders} has versions 1 and 2 and alias {@code live} on version 1; function {@code
 * audit} serves as a destination.
 */
class EventInvokeConfigApiTest extends LambdaTestBase {

  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:orders";
  private static final String AUDIT = "arn:aws:lambda:us-east-1:000000000000:function:audit";
  private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:failed-orders";
  private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:order-events";
  private static final String BUS = "arn:aws:events:us-east-1:000000000000:event-bus/default";

  @BeforeEach
  void ordersWithTwoVersionsAnAliasAndADestinationFunction() {
    createActive("orders");
    lambda.publishVersion(r -> r.functionName("orders"));
    lambda.updateFunctionCode(
        r -> r.functionName("orders").zipFile(SdkBytes.fromByteArray(Zips.python("2"))));
    awaitUpdated("orders");
    lambda.publishVersion(r -> r.functionName("orders"));
    lambda.createAlias(r -> r.functionName("orders").name("live").functionVersion("1"));
    createActive("audit");
  }

  @Test
  void putGetListAndDeleteOnLatestAVersionAndAnAlias() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    PutFunctionEventInvokeConfigResponse put =
        lambda.putFunctionEventInvokeConfig(
            r ->
                r.functionName("orders")
                    .maximumRetryAttempts(0)
                    .maximumEventAgeInSeconds(60)
                    .destinationConfig(
                        d ->
                            d.onSuccess(s -> s.destination(QUEUE))
                                .onFailure(f -> f.destination(AUDIT))));
    assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(200);
    assertThat(put.functionArn()).isEqualTo(ARN + ":$LATEST");
    assertThat(put.maximumRetryAttempts()).isZero();
    assertThat(put.maximumEventAgeInSeconds()).isEqualTo(60);
    assertThat(put.destinationConfig().onSuccess().destination()).isEqualTo(QUEUE);
    assertThat(put.destinationConfig().onFailure().destination()).isEqualTo(AUDIT);
    assertThat(put.lastModified()).isBetween(before, Instant.now());

    GetFunctionEventInvokeConfigResponse got =
        lambda.getFunctionEventInvokeConfig(r -> r.functionName(ARN).qualifier("$LATEST"));
    assertThat(got.functionArn()).isEqualTo(ARN + ":$LATEST");
    assertThat(got.lastModified()).isEqualTo(put.lastModified());
    assertThat(got.destinationConfig()).isEqualTo(put.destinationConfig());
    var wire = raw("GET", "/2019-09-25/functions/orders/event-invoke-config", new byte[0]);
    assertThat(wire.body())
        .as("LastModified is a number of seconds")
        .containsPattern("\"LastModified\":\\d{10}\\.\\d{3},");

    lambda.putFunctionEventInvokeConfig(
        r -> r.functionName("orders").qualifier("1").maximumRetryAttempts(1));
    lambda.putFunctionEventInvokeConfig(
        r ->
            r.functionName("orders:live")
                .destinationConfig(d -> d.onFailure(f -> f.destination(BUS))));
    assertThat(server.registry().eventInvokeConfigs().find(Scope.defaultScope(), "orders", "live"))
        .as("the event path's read")
        .map(EventInvokeConfig::onFailure)
        .contains(java.util.Optional.of(BUS));
    var firstPage =
        lambda.listFunctionEventInvokeConfigs(r -> r.functionName("orders").maxItems(2));
    assertThat(firstPage.functionEventInvokeConfigs()).hasSize(2);
    assertThat(firstPage.nextMarker()).isNotNull();
    List<FunctionEventInvokeConfig> all =
        lambda
            .listFunctionEventInvokeConfigsPaginator(r -> r.functionName("orders").maxItems(1))
            .functionEventInvokeConfigs()
            .stream()
            .toList();
    assertThat(all)
        .extracting(FunctionEventInvokeConfig::functionArn)
        .containsExactly(ARN + ":$LATEST", ARN + ":1", ARN + ":live");
    assertThat(all.get(1).maximumRetryAttempts()).isEqualTo(1);
    assertThat(all.get(1).maximumEventAgeInSeconds()).isNull();

    assertThat(
            lambda
                .deleteFunctionEventInvokeConfig(r -> r.functionName("orders").qualifier("1"))
                .sdkHttpResponse()
                .statusCode())
        .isEqualTo(204);
    assertNotFound(
        () -> lambda.getFunctionEventInvokeConfig(r -> r.functionName("orders").qualifier("1")),
        "The function " + ARN + ":1 doesn't have an EventInvokeConfig");
    assertNotFound(
        () -> lambda.deleteFunctionEventInvokeConfig(r -> r.functionName("orders:1")),
        "The function " + ARN + ":1 doesn't have an EventInvokeConfig");
  }

  @Test
  void putReplacesTheWholeConfigurationAndUpdateChangesOnlyWhatItGives() {
    putOnLatest(
        r ->
            r.maximumRetryAttempts(1)
                .maximumEventAgeInSeconds(120)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(QUEUE))));
    PutFunctionEventInvokeConfigResponse replaced = putOnLatest(r -> r.maximumRetryAttempts(0));
    assertThat(replaced.maximumRetryAttempts()).isZero();
    assertThat(replaced.maximumEventAgeInSeconds()).isNull();
    assertThat(replaced.destinationConfig().onSuccess().destination()).isNull();

    putOnLatest(
        r ->
            r.maximumRetryAttempts(2)
                .maximumEventAgeInSeconds(60)
                .destinationConfig(
                    d ->
                        d.onSuccess(s -> s.destination(QUEUE))
                            .onFailure(f -> f.destination(TOPIC))));
    UpdateFunctionEventInvokeConfigResponse aged =
        lambda.updateFunctionEventInvokeConfig(
            r -> r.functionName("orders").maximumEventAgeInSeconds(300));
    assertThat(aged.maximumEventAgeInSeconds()).isEqualTo(300);
    assertThat(aged.maximumRetryAttempts()).isEqualTo(2);
    assertThat(aged.destinationConfig().onSuccess().destination()).isEqualTo(QUEUE);
    assertThat(aged.destinationConfig().onFailure().destination()).isEqualTo(TOPIC);

    lambda.updateFunctionEventInvokeConfig(
        r ->
            r.functionName("orders")
                .qualifier("$LATEST")
                .destinationConfig(d -> d.onFailure(f -> f.destination(BUS))));
    GetFunctionEventInvokeConfigResponse got =
        lambda.getFunctionEventInvokeConfig(r -> r.functionName("orders"));
    assertThat(got.maximumRetryAttempts()).isEqualTo(2);
    assertThat(got.maximumEventAgeInSeconds()).isEqualTo(300);
    assertThat(got.destinationConfig().onSuccess().destination())
        .as("a given DestinationConfig replaces both destinations")
        .isNull();
    assertThat(got.destinationConfig().onFailure().destination()).isEqualTo(BUS);

    assertNotFound(
        () ->
            lambda.updateFunctionEventInvokeConfig(
                r -> r.functionName("orders").qualifier("2").maximumRetryAttempts(0)),
        "The function " + ARN + ":2 doesn't have an EventInvokeConfig");
  }

  @Test
  void outOfRangeSettingsAreValidationErrors() throws Exception {
    assertValidation(
        r -> r.maximumRetryAttempts(3), "'maximumRetryAttempts'", "less than or equal to 2");
    assertValidation(
        r -> r.maximumRetryAttempts(-1), "'maximumRetryAttempts'", "greater than or equal to 0");
    assertValidation(
        r -> r.maximumEventAgeInSeconds(59),
        "'maximumEventAgeInSeconds'",
        "greater than or equal to 60");
    assertValidation(
        r -> r.maximumEventAgeInSeconds(21_601),
        "'maximumEventAgeInSeconds'",
        "less than or equal to 21600");
    assertValidation(
        r -> r.destinationConfig(d -> d.onFailure(f -> f.destination("not-an-arn"))),
        "'destinationConfig.onFailure.destination'",
        "regular expression pattern");
    assertThatThrownBy(
            () -> lambda.listFunctionEventInvokeConfigs(r -> r.functionName("orders").maxItems(51)))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
        .hasMessageContaining("'maxItems'");
    assertThatThrownBy(() -> putOnLatest(r -> {}))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "You must specify at least one of error handling or destination setting.");
  }

  @Test
  void destinationsMustBeAQueueTopicBusOrAnotherExistingFunction() {
    putOnLatest(
        r ->
            r.destinationConfig(
                d -> d.onSuccess(s -> s.destination(TOPIC)).onFailure(f -> f.destination(BUS))));
    putOnLatest(r -> r.destinationConfig(d -> d.onSuccess(s -> s.destination(AUDIT + ":$LATEST"))));
    String iam = "arn:aws:iam::000000000000:role/lambda";
    assertInvalid(
        r -> r.destinationConfig(d -> d.onSuccess(s -> s.destination(iam))),
        "The provided destination config DestinationConfig(onSuccess=OnSuccess(destination="
            + iam
            + "), onFailure=null) is invalid.");
    String missing = "arn:aws:lambda:us-east-1:000000000000:function:nosuch";
    assertInvalid(
        r -> r.destinationConfig(d -> d.onFailure(f -> f.destination(missing))),
        "The destination ARN " + missing + " is invalid.");
    assertInvalid(
        r -> r.destinationConfig(d -> d.onFailure(f -> f.destination(ARN))),
        "You can't specify the function as a destination for itself.");
    assertInvalid(
        r ->
            r.destinationConfig(
                d -> d.onFailure(f -> f.destination("arn:aws:sqs:us-east-1:000000000000:"))),
        "The provided destination config DestinationConfig(onSuccess=null,"
            + " onFailure=OnFailure(destination=arn:aws:sqs:us-east-1:000000000000:)) is invalid.");
  }

  @Test
  void missingFunctionsVersionsAndAliasesAreNotFound() {
    for (String qualifier : List.of("7", "canary")) {
      assertNotFound(
          () ->
              lambda.putFunctionEventInvokeConfig(
                  r -> r.functionName("orders").qualifier(qualifier).maximumRetryAttempts(0)),
          "The function doesn't exist.");
      assertNotFound(
          () ->
              lambda.getFunctionEventInvokeConfig(
                  r -> r.functionName("orders").qualifier(qualifier)),
          "The function " + ARN + ":" + qualifier + " doesn't have an EventInvokeConfig");
    }
    String nosuch = "arn:aws:lambda:us-east-1:000000000000:function:nosuch";
    assertNotFound(
        () ->
            lambda.putFunctionEventInvokeConfig(
                r -> r.functionName(nosuch).maximumRetryAttempts(0)),
        "The function doesn't exist.");
    assertNotFound(
        () ->
            lambda.updateFunctionEventInvokeConfig(
                r -> r.functionName("nosuch").maximumRetryAttempts(0)),
        "The function doesn't exist.");
    assertNotFound(
        () -> lambda.getFunctionEventInvokeConfig(r -> r.functionName("nosuch")),
        "The function " + nosuch + ":$LATEST doesn't have an EventInvokeConfig");
    assertNotFound(
        () -> lambda.listFunctionEventInvokeConfigs(r -> r.functionName("nosuch")),
        "The function doesn't exist.");
  }

  @Test
  void deletingAVersionAliasOrFunctionDeletesItsConfigurations() {
    lambda.createAlias(r -> r.functionName("orders").name("next").functionVersion("2"));
    for (String qualifier : List.of("$LATEST", "1", "2", "live", "next")) {
      lambda.putFunctionEventInvokeConfig(
          r -> r.functionName("orders").qualifier(qualifier).maximumRetryAttempts(1));
    }
    lambda.deleteAlias(r -> r.functionName("orders").name("next"));
    lambda.deleteFunction(r -> r.functionName("orders").qualifier("2"));
    assertThat(arns()).containsExactly(ARN + ":$LATEST", ARN + ":1", ARN + ":live");

    lambda.deleteFunction(r -> r.functionName("orders"));
    createActive("orders");
    assertThat(arns()).as("a new function of the same name has none").isEmpty();
    assertThat(
            server.registry().eventInvokeConfigs().find(Scope.defaultScope(), "orders", "$LATEST"))
        .isEmpty();
  }

  private List<String> arns() {
    return lambda
        .listFunctionEventInvokeConfigs(r -> r.functionName("orders"))
        .functionEventInvokeConfigs()
        .stream()
        .map(FunctionEventInvokeConfig::functionArn)
        .toList();
  }

  private PutFunctionEventInvokeConfigResponse putOnLatest(
      Consumer<PutFunctionEventInvokeConfigRequest.Builder> settings) {
    return lambda.putFunctionEventInvokeConfig(r -> settings.accept(r.functionName("orders")));
  }

  private void assertValidation(
      Consumer<PutFunctionEventInvokeConfigRequest.Builder> settings, String... message) {
    assertThatThrownBy(() -> putOnLatest(settings))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .startsWith("1 validation error detected: ")
                  .contains(message);
            });
  }

  private void assertInvalid(
      Consumer<PutFunctionEventInvokeConfigRequest.Builder> settings, String message) {
    assertThatThrownBy(() -> putOnLatest(settings))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message));
  }

  private static void assertNotFound(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            });
  }
}
