package dev.gust.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.sqs.SqsService;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.NodeExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SNS and SQS both name actions {@code AddPermission}, {@code RemovePermission} and tag actions: on
 * a node that runs both, each SDK reaches its own service, because query-protocol actions are
 * routed by the service the request is signed for.
 */
class SharedActionsTest {

  @RegisterExtension
  final NodeExtension node = new NodeExtension(List.of(SqsService::open, SnsService::open));

  private SqsClient sqs;
  private SnsClient sns;

  @BeforeEach
  void clients() {
    sqs = AwsClients.sqs(node.url());
    sns = AwsClients.sns(node.url());
  }

  @AfterEach
  void closeClients() {
    sqs.close();
    sns.close();
  }

  @Test
  void permissionsOfTopicsAndQueuesGoToTheirOwnService() {
    String topic = sns.createTopic(r -> r.name("shared")).topicArn();
    String queue = sqs.createQueue(r -> r.queueName("shared")).queueUrl();

    sns.addPermission(
        r ->
            r.topicArn(topic)
                .label("publishers")
                .awsAccountIds("111122223333")
                .actionNames("Publish"));
    sqs.addPermission(
        r ->
            r.queueUrl(queue)
                .label("senders")
                .awsAccountIds("111122223333")
                .actions("SendMessage"));
    sns.removePermission(r -> r.topicArn(topic).label("publishers"));
    sqs.removePermission(r -> r.queueUrl(queue).label("senders"));

    assertThatThrownBy(
            () ->
                sns.addPermission(
                    r ->
                        r.topicArn(topic.replace("shared", "absent"))
                            .label("publishers")
                            .awsAccountIds("111122223333")
                            .actionNames("Publish")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void tagsOfTopicsAndQueuesGoToTheirOwnService() {
    String topic = sns.createTopic(r -> r.name("tagged")).topicArn();
    String queue = sqs.createQueue(r -> r.queueName("tagged")).queueUrl();

    sns.tagResource(
        r ->
            r.resourceArn(topic)
                .tags(
                    Tag.builder().key("team").value("topics").build(),
                    Tag.builder().key("tier").value("1").build()));
    sqs.tagQueue(r -> r.queueUrl(queue).tags(Map.of("team", "queues")));
    sns.untagResource(r -> r.resourceArn(topic).tagKeys("tier"));

    assertThat(sns.listTagsForResource(r -> r.resourceArn(topic)).tags())
        .containsExactly(Tag.builder().key("team").value("topics").build());
    assertThat(sqs.listQueueTags(r -> r.queueUrl(queue)).tags())
        .containsExactly(Map.entry("team", "queues"));
  }
}
