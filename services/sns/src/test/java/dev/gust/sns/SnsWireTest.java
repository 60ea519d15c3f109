package dev.gust.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.delivery.Delivery;
import dev.gust.delivery.Target;
import dev.gust.testkit.Await;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Coverage;
import dev.gust.testkit.NodeExtension;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.Tag;

/**
 * SNS's wire as {@link SnsModel} declares it: the query protocol's lists and maps read and written
 * as AWS shapes them, AWS's constraints refused with AWS's validation message, and every AWS
 * operation either served or answered as one the service does not know.
 */
class SnsWireTest {

  @RegisterExtension final NodeExtension node = new NodeExtension(List.of(SnsService::open));

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Delivery.Message> queued = new CopyOnWriteArrayList<>();
  private SnsClient sns;

  @BeforeEach
  void client() {
    sns = AwsClients.sns(node.url());
    node.node()
        .context()
        .delivery()
        .register(Target.Queue.class, (queue, message) -> queued.add(message));
  }

  @AfterEach
  void close() {
    sns.close();
    http.close();
  }

  @Test
  void everyAwsOperationIsServedOrDeclaredUnsupported() {
    Set<String> declared = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    declared.addAll(SnsModel.MODEL.served());
    declared.addAll(SnsModel.MODEL.unsupported());
    Set<String> aws = Coverage.awsOperations(SnsClient.class);

    assertThat(aws).allMatch(declared::contains);
    assertThat(SnsModel.MODEL.served()).hasSize(19);
    assertThat(SnsModel.MODEL.unsupported()).hasSize(aws.size() - 19);
  }

  @Test
  void anOperationNotServedIsAnInvalidActionAsBefore() {
    assertThatThrownBy(() -> sns.getSMSAttributes(r -> {}))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("The action GetSMSAttributes is not valid for this web service.");
            });
  }

  @Test
  void constraintsOfAwsModelAreRefusedWithAwsValidationMessage() {
    String topic = sns.createTopic(r -> r.name("limits")).topicArn();
    String longKey = "k".repeat(129);

    assertThatThrownBy(
            () ->
                sns.tagResource(
                    r -> r.resourceArn(topic).tags(Tag.builder().key(longKey).value("v").build())))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith(
            "1 validation error detected: Value '"
                + longKey
                + "' at 'tags.key' failed to satisfy constraint: Member must have length less"
                + " than or equal to 128");
    assertThatThrownBy(() -> sns.listTagsForResource(r -> r.resourceArn("")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith(
            "1 validation error detected: Value '' at 'resourceArn' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 1");
    String group = "g".repeat(129);
    assertThatThrownBy(
            () ->
                sns.publish(
                    r ->
                        r.topicArn(topic)
                            .message("m")
                            .messageGroupId(group)
                            .messageDeduplicationId("d".repeat(129))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith(
            "2 validation errors detected: Value '"
                + "d".repeat(129)
                + "' at 'messageDeduplicationId' failed to satisfy constraint: Member must have"
                + " length less than or equal to 128; Value '"
                + group
                + "' at 'messageGroupId' failed to satisfy constraint: Member must have length"
                + " less than or equal to 128");
  }

  @Test
  void absentRequiredMembersAreInvalidParametersNamingThem() throws IOException {
    String topic = sns.createTopic(r -> r.name("perms")).topicArn();

    assertThat(query("Action=CreateTopic").body())
        .contains("<Code>InvalidParameter</Code>")
        .contains("<Message>Invalid parameter: Name Reason: no value for required parameter");
    assertThat(query("Action=CreateTopic&Name=").body())
        .contains("<Message>Invalid parameter: Name Reason: no value for required parameter");
    assertThat(
            query("Action=AddPermission&Label=l&ActionName.member.1=Publish&TopicArn=" + topic)
                .body())
        .contains(
            "<Message>Invalid parameter: AWSAccountId Reason: no value for required parameter");
    assertThat(query("Action=Subscribe&Protocol=sqs&TopicArn=" + topic).body())
        .contains("<Message>Invalid parameter: Endpoint</Message>");
  }

  @Test
  void queryListsAndMapsAreReadAndWrittenInAwsShapes() throws IOException {
    HttpResponse<String> created =
        query(
            "Action=CreateTopic&Name=shapes&Attributes.entry.1.key=DisplayName"
                + "&Attributes.entry.1.value=Shapes&Tags.member.1.Key=team&Tags.member.1.Value=a");
    assertThat(created.statusCode()).isEqualTo(200);
    String topic = "arn:aws:sns:us-east-1:000000000000:shapes";
    assertThat(created.body())
        .contains(
            "<CreateTopicResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<CreateTopicResult><TopicArn>"
                + topic
                + "</TopicArn></CreateTopicResult><ResponseMetadata><RequestId>");

    assertThat(query("Action=GetTopicAttributes&TopicArn=" + topic).body())
        .contains("<Attributes><entry><key>DisplayName</key><value>Shapes</value></entry>");
    assertThat(query("Action=ListTagsForResource&ResourceArn=" + topic).body())
        .contains(
            "<ListTagsForResourceResult><Tags><member><Key>team</Key><Value>a</Value></member>"
                + "</Tags></ListTagsForResourceResult>");
    query("Action=UntagResource&ResourceArn=" + topic + "&TagKeys.member.1=team");
    assertThat(query("Action=ListTagsForResource&ResourceArn=" + topic).body())
        .contains("<ListTagsForResourceResult><Tags></Tags></ListTagsForResourceResult>");
    assertThat(
            query(
                    "Action=SetTopicAttributes&TopicArn="
                        + topic
                        + "&AttributeName=DisplayName&AttributeValue=S")
                .body())
        .contains(
            "<SetTopicAttributesResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<ResponseMetadata>");

    query(
        "Action=Subscribe&TopicArn="
            + topic
            + "&Protocol=sqs&Endpoint=arn:aws:sqs:us-east-1:000000000000:q"
            + "&Attributes.entry.1.key=RawMessageDelivery&Attributes.entry.1.value=true");
    HttpResponse<String> published =
        query(
            "Action=PublishBatch&TopicArn="
                + topic
                + "&PublishBatchRequestEntries.member.1.Id=one"
                + "&PublishBatchRequestEntries.member.1.Message=first"
                + "&PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name=color"
                + "&PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.DataType=String"
                + "&PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.StringValue=red"
                + "&PublishBatchRequestEntries.member.2.Id=two"
                + "&PublishBatchRequestEntries.member.2.Message=");
    assertThat(published.body())
        .containsPattern(
            "<Successful><member><Id>one</Id><MessageId>[0-9a-f-]{36}</MessageId>"
                + "</member></Successful>")
        .contains(
            "<Failed><member><Id>two</Id><Code>InvalidParameter</Code>"
                + "<Message>Invalid parameter: Empty message</Message>"
                + "<SenderFault>true</SenderFault></member></Failed>");

    Await.until("the message reaches the queue", () -> !queued.isEmpty());
    assertThat(queued.getFirst().body()).isEqualTo("first");
    assertThat(queued.getFirst().attributes()).containsEntry("color", "red");
  }

  /** A query-protocol request, as form parameters whose values are URL-encoded here. */
  private HttpResponse<String> query(String form) throws IOException {
    String body =
        java.util.Arrays.stream((form + "&Version=2010-03-31").split("&"))
            .map(
                pair -> {
                  int eq = pair.indexOf('=');
                  return pair.substring(0, eq + 1)
                      + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                })
            .collect(Collectors.joining("&"));
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(node.url() + "/"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
