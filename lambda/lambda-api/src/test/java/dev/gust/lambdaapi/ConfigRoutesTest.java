package dev.gust.lambdaapi;

import static dev.gust.lambdaapi.InvokeSideFixture.ARN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.wire.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provisioned concurrency and event invoke config operations on the wire, driven through the
 * router with HTTP-shaped requests: the exact bytes each answers with, and how Get and List share a
 * path. Function {@code f} has version 1.
 */
class ConfigRoutesTest {

  private static final String PROVISIONED = "/2019-09-30/functions/f/provisioned-concurrency";
  private static final String EVENT_CONFIG = "/2019-09-25/functions/f/event-invoke-config";

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
  void provisionedConcurrencyIsPutGotListedAndDeleted() {
    HttpResponse put =
        lambda.send("PUT", PROVISIONED, "Qualifier=1", "{\"ProvisionedConcurrentExecutions\":3}");
    HttpResponse got = lambda.send("GET", PROVISIONED, "Qualifier=1", "");
    HttpResponse listed = lambda.send("GET", PROVISIONED, "List=ALL&MaxItems=1", "");
    HttpResponse deleted = lambda.send("DELETE", PROVISIONED, "Qualifier=1", "");
    HttpResponse none = lambda.send("GET", PROVISIONED, "List=ALL", "");

    String config =
        "\"RequestedProvisionedConcurrentExecutions\":3,"
            + "\"AvailableProvisionedConcurrentExecutions\":0,"
            + "\"AllocatedProvisionedConcurrentExecutions\":0,"
            + "\"Status\":\"IN_PROGRESS\",\"LastModified\":\"2026-01-01T00:00:00+0000\"";
    assertThat(put.status()).isEqualTo(202);
    assertThat(put.headers()).containsEntry("Content-Type", "application/json");
    assertThat(put.bodyText()).isEqualTo("{" + config + "}");
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.bodyText()).isEqualTo("{" + config + "}");
    assertThat(listed.bodyText())
        .isEqualTo(
            "{\"ProvisionedConcurrencyConfigs\":[{\"FunctionArn\":\""
                + ARN
                + "f:1\","
                + config
                + "}]}");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.headers()).containsOnlyKeys("x-amzn-RequestId");
    assertThat(none.bodyText()).isEqualTo("{\"ProvisionedConcurrencyConfigs\":[]}");
  }

  @Test
  void provisionedConcurrencyOfSomethingWithoutOneIsNotFound() {
    HttpResponse reply = lambda.send("GET", PROVISIONED, "Qualifier=1", "");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.headers())
        .containsEntry("x-amzn-ErrorType", "ProvisionedConcurrencyConfigNotFoundException");
    assertThat(reply.bodyText())
        .isEqualTo(
            "{\"Type\":\"User\",\"message\":"
                + "\"No Provisioned Concurrency Config found for this function\"}");
  }

  @Test
  void anEventInvokeConfigIsWrittenWithMillisecondsAndBothDestinations() {
    HttpResponse put =
        lambda.send(
            "PUT",
            EVENT_CONFIG,
            "",
            "{\"MaximumRetryAttempts\":1,\"DestinationConfig\":{\"OnFailure\":{\"Destination\":"
                + "\"arn:aws:sqs:us-east-1:000000000000:dlq\"}}}");
    HttpResponse updated =
        lambda.send("POST", EVENT_CONFIG, "Qualifier=$LATEST", "{\"MaximumEventAgeInSeconds\":60}");
    HttpResponse listed = lambda.send("GET", EVENT_CONFIG + "/list", "", "");
    HttpResponse deleted = lambda.send("DELETE", EVENT_CONFIG, "", "");
    HttpResponse gone = lambda.send("GET", EVENT_CONFIG, "", "");

    String head = "{\"LastModified\":1767225600.000,\"FunctionArn\":\"" + ARN + "f:$LATEST\",";
    String destinations =
        "\"DestinationConfig\":{\"OnSuccess\":{},"
            + "\"OnFailure\":{\"Destination\":\"arn:aws:sqs:us-east-1:000000000000:dlq\"}}}";
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.bodyText()).isEqualTo(head + "\"MaximumRetryAttempts\":1," + destinations);
    assertThat(updated.bodyText())
        .isEqualTo(
            head + "\"MaximumRetryAttempts\":1,\"MaximumEventAgeInSeconds\":60," + destinations);
    assertThat(listed.bodyText())
        .isEqualTo("{\"FunctionEventInvokeConfigs\":[" + updated.bodyText() + "]}");
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.headers()).containsOnlyKeys("x-amzn-RequestId");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.bodyText())
        .contains("The function " + ARN + "f:$LATEST doesn't have an EventInvokeConfig");
  }

  @Test
  void aRequestWithoutSettingsIsAnInvalidParameter() {
    HttpResponse reply = lambda.send("PUT", EVENT_CONFIG, "Qualifier=1", "{}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.headers()).containsEntry("x-amzn-ErrorType", "InvalidParameterValueException");
  }

  @Test
  void bodiesThatAreNotJsonObjectsOfTheRightTypesAreInvalidContent() {
    for (String body :
        new String[] {"{\"MaximumRetryAttempts\":", "[1,2]", "{\"MaximumRetryAttempts\":\"1\"}"}) {
      HttpResponse reply = lambda.send("PUT", EVENT_CONFIG, "", body);

      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.headers())
          .as(body)
          .containsEntry("x-amzn-ErrorType", "InvalidRequestContentException");
    }
  }
}
