package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.Coverage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

/**
 * Lambda's two models declare every operation of AWS's Lambda, as the AWS SDK lists them: served,
 * or bound to its path as not served yet, so that none reaches a client as an unknown path; and no
 * operation is declared by both.
 */
class LambdaCoverageTest {

  @Test
  void everyAwsOperationIsServedOrDeclaredUnsupported() {
    Map<String, Coverage.State> states =
        Coverage.states(
            List.of(LambdaModel.MODEL, LambdaInvokeModel.MODEL), LambdaAsyncClient.class);

    assertThat(states).doesNotContainValue(Coverage.State.UNKNOWN);
    assertThat(states)
        .containsEntry("Invoke", Coverage.State.SERVED)
        .containsEntry("CreateFunction", Coverage.State.SERVED)
        .containsEntry("AddPermission", Coverage.State.NOT_YET)
        .containsEntry("CreateEventSourceMapping", Coverage.State.NOT_YET);
    assertThat(LambdaModel.MODEL.served())
        .doesNotContainAnyElementsOf(LambdaInvokeModel.MODEL.served());
    assertThat(LambdaModel.MODEL.unsupported())
        .doesNotContainAnyElementsOf(LambdaInvokeModel.MODEL.served());
  }
}
