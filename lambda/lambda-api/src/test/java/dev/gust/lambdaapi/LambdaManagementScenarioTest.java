package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionVersion;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;

/** The whole management lifecycle of a function, driven by the unmodified AWS SDK for Java v2. */
class LambdaManagementScenarioTest extends LambdaTestBase {

  @Test
  void createGetListUpdatePublishAliasConcurrencyTagsDelete() throws Exception {
    var created =
        lambda.createFunction(
            function("orders")
                .memorySize(256)
                .timeout(30)
                .description("order handler")
                .environment(e -> e.variables(Map.of("STAGE", "test")))
                .tags(Map.of("team", "payments"))
                .build());
    assertThat(created.state()).isEqualTo(State.PENDING);
    assertThat(created.functionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:orders");
    assertThat(created.codeSha256())
        .isEqualTo(
            java.util.Base64.getEncoder()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(CODE)));

    GetFunctionResponse got =
        waiter
            .waitUntilFunctionActiveV2(r -> r.functionName("orders"))
            .matched()
            .response()
            .orElseThrow();
    assertThat(got.configuration().state()).isEqualTo(State.ACTIVE);
    assertThat(got.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
    assertThat(got.configuration().memorySize()).isEqualTo(256);
    assertThat(got.configuration().environment().variables()).containsEntry("STAGE", "test");
    assertThat(got.tags()).containsEntry("team", "payments");
    byte[] downloaded =
        http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(got.code().location()))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray())
            .body();
    assertThat(downloaded).isEqualTo(CODE);

    // The same function by partial and full ARN.
    assertThat(
            lambda
                .getFunctionConfiguration(r -> r.functionName("000000000000:function:orders"))
                .functionName())
        .isEqualTo("orders");
    assertThat(
            lambda
                .getFunctionConfiguration(
                    r -> r.functionName("arn:aws:lambda:us-east-1:000000000000:function:orders"))
                .revisionId())
        .isEqualTo(got.configuration().revisionId());

    // Pagination over more functions than one page holds.
    IntStream.range(0, 5).forEach(i -> lambda.createFunction(function("fn-" + i).build()));
    List<String> names =
        lambda.listFunctionsPaginator(r -> r.maxItems(2)).functions().stream()
            .map(FunctionConfiguration::functionName)
            .toList();
    assertThat(names).containsExactly("fn-0", "fn-1", "fn-2", "fn-3", "fn-4", "orders");
    assertThat(lambda.listFunctions(r -> r.maxItems(2)).nextMarker()).isNotNull();

    // Update configuration, then publish two versions.
    var updated = lambda.updateFunctionConfiguration(r -> r.functionName("orders").memorySize(512));
    assertThat(updated.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
    awaitUpdated("orders");
    PublishVersionResponse v1 = lambda.publishVersion(r -> r.functionName("orders"));
    assertThat(v1.version()).isEqualTo("1");
    assertThat(v1.functionArn()).endsWith("function:orders:1");
    assertThat(lambda.publishVersion(r -> r.functionName("orders")).version())
        .as("publishing unchanged code and configuration returns the existing version")
        .isEqualTo("1");
    lambda.updateFunctionCode(
        r ->
            r.functionName("orders")
                .zipFile(SdkBytes.fromByteArray(dev.gust.testkit.Zips.python("2"))));
    awaitUpdated("orders");
    assertThat(lambda.publishVersion(r -> r.functionName("orders")).version()).isEqualTo("2");
    assertThat(
            lambda.listVersionsByFunction(r -> r.functionName("orders")).versions().stream()
                .map(FunctionConfiguration::version))
        .containsExactly("$LATEST", "1", "2");
    assertThat(
            lambda.listFunctions(r -> r.functionVersion(FunctionVersion.ALL)).functions().stream()
                .filter(f -> f.functionName().equals("orders"))
                .map(FunctionConfiguration::version))
        .containsExactly("$LATEST", "1", "2");

    // An alias sending 10% of traffic to version 2.
    var alias =
        lambda.createAlias(
            r ->
                r.functionName("orders")
                    .name("live")
                    .functionVersion("1")
                    .routingConfig(w -> w.additionalVersionWeights(Map.of("2", 0.1))));
    assertThat(alias.aliasArn()).endsWith("function:orders:live");
    assertThat(
            lambda
                .getAlias(r -> r.functionName("orders").name("live"))
                .routingConfig()
                .additionalVersionWeights())
        .containsEntry("2", 0.1);
    var viaAlias = lambda.getFunctionConfiguration(r -> r.functionName("orders").qualifier("live"));
    assertThat(viaAlias.version()).isEqualTo("1");
    assertThat(viaAlias.functionArn()).endsWith("function:orders:live");
    assertThat(viaAlias.memorySize()).isEqualTo(512);
    lambda.updateAlias(
        r ->
            r.functionName("orders")
                .name("live")
                .functionVersion("2")
                .routingConfig(c -> c.additionalVersionWeights(Map.of())));
    assertThat(lambda.listAliases(r -> r.functionName("orders")).aliases())
        .extracting(AliasConfiguration::functionVersion)
        .containsExactly("2");

    // Reserved concurrency shows in the function and in the account.
    lambda.putFunctionConcurrency(r -> r.functionName("orders").reservedConcurrentExecutions(25));
    assertThat(
            lambda
                .getFunctionConcurrency(r -> r.functionName("orders"))
                .reservedConcurrentExecutions())
        .isEqualTo(25);
    assertThat(
            lambda
                .getFunction(r -> r.functionName("orders"))
                .concurrency()
                .reservedConcurrentExecutions())
        .isEqualTo(25);
    assertThat(lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions())
        .isEqualTo(975);
    lambda.deleteFunctionConcurrency(r -> r.functionName("orders"));
    assertThat(
            lambda
                .getFunctionConcurrency(r -> r.functionName("orders"))
                .reservedConcurrentExecutions())
        .isNull();

    // Tags.
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:orders";
    lambda.tagResource(r -> r.resource(arn).tags(Map.of("env", "dev")));
    lambda.untagResource(r -> r.resource(arn).tagKeys("team"));
    assertThat(lambda.listTags(r -> r.resource(arn)).tags())
        .containsExactly(Map.entry("env", "dev"));

    // Delete a version, then the function.
    lambda.deleteAlias(r -> r.functionName("orders").name("live"));
    lambda.deleteFunction(r -> r.functionName("orders").qualifier("1"));
    assertThat(
            lambda.listVersionsByFunction(r -> r.functionName("orders")).versions().stream()
                .map(FunctionConfiguration::version))
        .containsExactly("$LATEST", "2");
    lambda.deleteFunction(r -> r.functionName("orders"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> lambda.getFunction(r -> r.functionName("orders")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(lambda.getAccountSettings().accountUsage().functionCount()).isEqualTo(5);
  }
}
