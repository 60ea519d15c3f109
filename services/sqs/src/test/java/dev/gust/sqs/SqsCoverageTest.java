package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.Coverage;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The model declares every operation of AWS's SQS, as the AWS SDK lists them: served, or named as
 * not served yet (message move tasks), so that none reaches a client as an unknown action.
 */
class SqsCoverageTest {

  @Test
  void everyAwsOperationIsServedOrDeclaredUnsupported() {
    Set<String> declared = new TreeSet<>(SqsModel.MODEL.served());
    declared.addAll(SqsModel.MODEL.unsupported());

    assertThat(declared).isEqualTo(Coverage.awsOperations(SqsClient.class));
    assertThat(SqsModel.MODEL.unsupported())
        .containsExactly("CancelMessageMoveTask", "ListMessageMoveTasks", "StartMessageMoveTask");
    assertThat(SqsModel.MODEL.served()).hasSize(20);
  }
}
