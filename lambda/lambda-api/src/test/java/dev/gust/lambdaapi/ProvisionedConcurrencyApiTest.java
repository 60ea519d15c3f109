package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Zips;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The provisioned concurrency configuration API driven by the unmodified AWS SDK for Java v2:
 * function {@code orders} has versions 1 to 3 and alias {@code live} on version 1.
 */
class ProvisionedConcurrencyApiTest extends LambdaTestBase {

  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:orders";
  private static final String LAST_MODIFIED = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000";

  @BeforeEach
  void ordersWithThreeVersionsAndAnAlias() {
    createActive("orders");
    for (int v = 1; v <= 3; v++) {
      if (v > 1) {
        String code = Integer.toString(v);
        lambda.updateFunctionCode(
            r -> r.functionName("orders").zipFile(SdkBytes.fromByteArray(Zips.python(code))));
        awaitUpdated("orders");
      }
      lambda.publishVersion(r -> r.functionName("orders"));
    }
    lambda.createAlias(r -> r.functionName("orders").name("live").functionVersion("1"));
  }

  @Test
  void putIsAcceptedInProgressThenGetListAndDelete() {
    PutProvisionedConcurrencyConfigResponse put =
        lambda.putProvisionedConcurrencyConfig(
            r -> r.functionName("orders").qualifier("2").provisionedConcurrentExecutions(5));
    assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(202);
    assertThat(put.requestedProvisionedConcurrentExecutions()).isEqualTo(5);
    assertThat(put.allocatedProvisionedConcurrentExecutions()).isZero();
    assertThat(put.availableProvisionedConcurrentExecutions()).isZero();
    assertThat(put.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.IN_PROGRESS);
    assertThat(put.statusReason()).isNull();
    assertThat(put.lastModified()).matches(LAST_MODIFIED);

    GetProvisionedConcurrencyConfigResponse got =
        lambda.getProvisionedConcurrencyConfig(r -> r.functionName(ARN).qualifier("2"));
    assertThat(got.requestedProvisionedConcurrentExecutions()).isEqualTo(5);
    // The platform starts allocating at once and may already be done.
    assertThat(got.status())
        .isIn(ProvisionedConcurrencyStatusEnum.IN_PROGRESS, ProvisionedConcurrencyStatusEnum.READY);
    assertThat(got.lastModified()).isEqualTo(put.lastModified());

    lambda.putProvisionedConcurrencyConfig(
        r ->
            r.functionName("000000000000:function:orders")
                .qualifier("live")
                .provisionedConcurrentExecutions(2));
    lambda.putProvisionedConcurrencyConfig(
        r -> r.functionName("orders").qualifier("3").provisionedConcurrentExecutions(1));
    assertThat(
            lambda
                .listProvisionedConcurrencyConfigs(r -> r.functionName("orders").maxItems(2))
                .nextMarker())
        .isNotNull();
    List<ProvisionedConcurrencyConfigListItem> all =
        lambda
            .listProvisionedConcurrencyConfigsPaginator(r -> r.functionName("orders").maxItems(2))
            .provisionedConcurrencyConfigs()
            .stream()
            .toList();
    assertThat(all)
        .extracting(
            ProvisionedConcurrencyConfigListItem::functionArn,
            ProvisionedConcurrencyConfigListItem::requestedProvisionedConcurrentExecutions)
        .containsExactly(tuple(ARN + ":2", 5), tuple(ARN + ":3", 1), tuple(ARN + ":live", 2));

    lambda.deleteProvisionedConcurrencyConfig(r -> r.functionName("orders").qualifier("2"));
    assertThatThrownBy(
            () ->
                lambda.getProvisionedConcurrencyConfig(
                    r -> r.functionName("orders").qualifier("2")))
        .isInstanceOfSatisfying(
            ProvisionedConcurrencyConfigNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("No Provisioned Concurrency Config found for this function");
            });
    lambda.deleteFunction(r -> r.functionName("orders").qualifier("3"));
    assertThat(
            lambda
                .listProvisionedConcurrencyConfigs(r -> r.functionName("orders"))
                .provisionedConcurrencyConfigs())
        .extracting(ProvisionedConcurrencyConfigListItem::functionArn)
        .as("deleting a version deletes its configuration")
        .containsExactly(ARN + ":live");
  }

  @Test
  void unpublishedVersionsMissingTargetsAndBadAmountsAreRejected() throws Exception {
    assertThatThrownBy(
            () ->
                lambda.putProvisionedConcurrencyConfig(
                    r ->
                        r.functionName("orders")
                            .qualifier("$LATEST")
                            .provisionedConcurrentExecutions(1)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
    assertThatThrownBy(
            () ->
                lambda.putProvisionedConcurrencyConfig(
                    r ->
                        r.functionName("orders").qualifier("9").provisionedConcurrentExecutions(1)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Function not found: " + ARN + ":9");
    assertThatThrownBy(
            () ->
                lambda.putProvisionedConcurrencyConfig(
                    r ->
                        r.functionName("orders").qualifier("1").provisionedConcurrentExecutions(0)))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("'provisionedConcurrentExecutions'", "greater than or equal to 1");
            });
    var noQualifier =
        raw(
            "PUT",
            "/2019-09-30/functions/orders/provisioned-concurrency",
            "{\"ProvisionedConcurrentExecutions\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(noQualifier.statusCode()).isEqualTo(400);
    assertThat(noQualifier.headers().firstValue("x-amzn-ErrorType").orElseThrow())
        .startsWith("ValidationException");
    assertThat(noQualifier.body()).contains("Value null at 'qualifier'");
  }

  @Test
  void provisionedConcurrencyMustFitTheReservedConcurrency() {
    lambda.putFunctionConcurrency(r -> r.functionName("orders").reservedConcurrentExecutions(5));
    assertThatThrownBy(
            () ->
                lambda.putProvisionedConcurrencyConfig(
                    r ->
                        r.functionName("orders").qualifier("1").provisionedConcurrentExecutions(6)))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageStartingWith(
            "Requested Provisioned Concurrency should not be greater than the"
                + " reservedConcurrentExecution for function");
    lambda.putProvisionedConcurrencyConfig(
        r -> r.functionName("orders").qualifier("1").provisionedConcurrentExecutions(5));
    assertThatThrownBy(
            () ->
                lambda.putFunctionConcurrency(
                    r -> r.functionName("orders").reservedConcurrentExecutions(4)))
        .isInstanceOf(InvalidParameterValueException.class);
  }

  @Test
  void anAliasAndTheVersionItPointsToCannotBothHaveAConfiguration() {
    lambda.putProvisionedConcurrencyConfig(
        r -> r.functionName("orders").qualifier("1").provisionedConcurrentExecutions(1));
    assertThatThrownBy(
            () ->
                lambda.putProvisionedConcurrencyConfig(
                    r ->
                        r.functionName("orders")
                            .qualifier("live")
                            .provisionedConcurrentExecutions(1)))
        .isInstanceOfSatisfying(
            ResourceConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409))
        .hasMessageStartingWith(
            "Alias can't be used for Provisioned Concurrency configuration on an already"
                + " Provisioned version");
    lambda.deleteProvisionedConcurrencyConfig(r -> r.functionName("orders").qualifier("1"));
    lambda.putProvisionedConcurrencyConfig(
        r -> r.functionName("orders").qualifier("live").provisionedConcurrentExecutions(1));
    assertThatThrownBy(
            () ->
                lambda.putProvisionedConcurrencyConfig(
                    r ->
                        r.functionName("orders").qualifier("1").provisionedConcurrentExecutions(1)))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageStartingWith("Version is pointed by a Provisioned Concurrency alias");
  }

  @Test
  void configurationsSurviveARestart() {
    PutProvisionedConcurrencyConfigResponse put =
        lambda.putProvisionedConcurrencyConfig(
            r -> r.functionName("orders").qualifier("live").provisionedConcurrentExecutions(40));
    assertThat(lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions())
        .isEqualTo(960);

    lambda.close();
    server.close();
    server = LambdaNode.start(dataDir, settings());
    lambda = AwsClients.lambda(server.url());

    GetProvisionedConcurrencyConfigResponse got =
        lambda.getProvisionedConcurrencyConfig(r -> r.functionName("orders").qualifier("live"));
    assertThat(got.requestedProvisionedConcurrentExecutions()).isEqualTo(40);
    assertThat(got.lastModified()).isEqualTo(put.lastModified());
    assertThat(
            lambda
                .listProvisionedConcurrencyConfigs(r -> r.functionName("orders"))
                .provisionedConcurrencyConfigs())
        .extracting(ProvisionedConcurrencyConfigListItem::functionArn)
        .containsExactly(ARN + ":live");
    assertThat(lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions())
        .isEqualTo(960);
  }
}
