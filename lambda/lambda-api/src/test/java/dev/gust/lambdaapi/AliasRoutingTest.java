package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A weighted alias splits traffic between its versions in proportion to the weights, and reports
 * the version that ran in {@code X-Amz-Executed-Version}.
 */
class AliasRoutingTest extends LambdaTestBase {

  @Test
  void aWeightedAliasSplitsInvocationsWithinTolerance() {
    createActive("split");
    lambda.publishVersion(r -> r.functionName("split"));
    lambda.updateFunctionCode(
        r ->
            r.functionName("split")
                .zipFile(SdkBytes.fromByteArray(dev.gust.testkit.Zips.python("{'v': 2}"))));
    awaitUpdated("split");
    lambda.publishVersion(r -> r.functionName("split"));
    lambda.createAlias(
        r ->
            r.functionName("split")
                .name("live")
                .functionVersion("1")
                .routingConfig(c -> c.additionalVersionWeights(Map.of("2", 0.3))));
    int calls = 400;
    Map<String, Integer> executed = new HashMap<>();
    for (int i = 0; i < calls; i++) {
      InvokeResponse response = lambda.invoke(r -> r.functionName("split").qualifier("live"));
      executed.merge(response.executedVersion(), 1, Integer::sum);
      // The payload proves which code ran, not only which version was reported.
      assertThat(response.payload().asUtf8String())
          .isEqualTo(response.executedVersion().equals("2") ? "{\"v\": 2}" : "{\"ok\": true}");
    }
    assertThat(executed.keySet()).containsExactlyInAnyOrder("1", "2");
    // 30 % of 400 is 120, with a standard deviation of about 9: allow four of them.
    assertThat(executed.get("2")).isBetween(84, 156);
  }
}
