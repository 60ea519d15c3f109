package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.AwsClients;
import dev.gust.testkit.NodeExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * SQS's query protocol, as the AWS CLI v1, older SDKs and botocore before SQS moved to JSON speak
 * it: form-encoded {@code Action=...&Version=2012-11-05} posts signed for {@code sqs}, with
 * flattened lists and maps, answered in XML. The requests here are shaped as botocore sends them.
 */
class SqsQueryProtocolTest {

  private static final String NS = "http://queue.amazonaws.com/doc/2012-11-05/";

  @RegisterExtension final NodeExtension node = new NodeExtension(List.of(SqsService::open));
  final HttpClient http = HttpClient.newHttpClient();
  SqsClient sqs;

  @BeforeEach
  void client() {
    sqs = AwsClients.sqs(node.url());
  }

  @AfterEach
  void close() {
    sqs.close();
  }

  @Test
  void queuesAreCreatedWithAttributesAndTagsAndDescribedInXml() throws Exception {
    HttpResponse<String> created =
        post(
            "Action=CreateQueue&Version=2012-11-05&QueueName=orders"
                + "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=45"
                + "&Tag.1.Key=team&Tag.1.Value=payments");
    String url = node.url() + "/000000000000/orders";

    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.headers().firstValue("Content-Type")).contains("text/xml");
    assertThat(created.body())
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .contains(
            "<CreateQueueResponse xmlns=\""
                + NS
                + "\"><CreateQueueResult><QueueUrl>"
                + url
                + "</QueueUrl></CreateQueueResult><ResponseMetadata><RequestId>"
                + created.headers().firstValue("x-amzn-RequestId").orElseThrow()
                + "</RequestId></ResponseMetadata></CreateQueueResponse>");
    post("Action=CreateQueue&Version=2012-11-05&QueueName=orders-dlq");

    assertThat(post("Action=ListQueues&Version=2012-11-05&QueueNamePrefix=orders").body())
        .contains(
            "<ListQueuesResult><QueueUrl>"
                + url
                + "</QueueUrl><QueueUrl>"
                + url
                + "-dlq</QueueUrl></ListQueuesResult>");
    assertThat(
            post("Action=GetQueueAttributes&Version=2012-11-05&QueueUrl="
                    + encode(url)
                    + "&AttributeName.1=VisibilityTimeout&AttributeName.2=DelaySeconds")
                .body())
        .contains(
            "<GetQueueAttributesResult>"
                + "<Attribute><Name>DelaySeconds</Name><Value>0</Value></Attribute>"
                + "<Attribute><Name>VisibilityTimeout</Name><Value>45</Value></Attribute>"
                + "</GetQueueAttributesResult>");
    assertThat(post("Action=ListQueueTags&Version=2012-11-05&QueueUrl=" + encode(url)).body())
        .contains(
            "<ListQueueTagsResult><Tag><Key>team</Key><Value>payments</Value></Tag>"
                + "</ListQueueTagsResult>");
    post(
        "Action=TagQueue&Version=2012-11-05&QueueUrl="
            + encode(url)
            + "&Tag.1.Key=env&Tag.1.Value=test");
    post("Action=UntagQueue&Version=2012-11-05&QueueUrl=" + encode(url) + "&TagKey.1=team");
    assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).isEqualTo(Map.of("env", "test"));
    post(
        "Action=SetQueueAttributes&Version=2012-11-05&QueueUrl="
            + encode(url)
            + "&Attribute.1.Name=DelaySeconds&Attribute.1.Value=5");
    assertThat(
            sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("DelaySeconds"))
                .attributesAsStrings())
        .containsEntry("DelaySeconds", "5");

    HttpResponse<String> deleted =
        post("Action=DeleteQueue&Version=2012-11-05&QueueUrl=" + encode(url));
    assertThat(deleted.body())
        .contains("<DeleteQueueResponse xmlns=\"" + NS + "\"><ResponseMetadata><RequestId>")
        .doesNotContain("DeleteQueueResult");
  }

  @Test
  void messagesTravelWithTheirAttributesAndTheSameChecksumsAsOnJson() throws Exception {
    String url = sqs.createQueue(r -> r.queueName("attributes")).queueUrl();

    HttpResponse<String> sent =
        post(
            "Action=SendMessage&Version=2012-11-05&QueueUrl="
                + encode(url)
                + "&MessageBody=hi+%3Cthere%3E+%26+%C3%BC"
                + "&MessageAttribute.1.Name=city&MessageAttribute.1.Value.DataType=String"
                + "&MessageAttribute.1.Value.StringValue=Z%C3%BCrich"
                + "&MessageAttribute.2.Name=blob&MessageAttribute.2.Value.DataType=Binary"
                + "&MessageAttribute.2.Value.BinaryValue=AQID");
    String onJson =
        sqs.sendMessage(
                r ->
                    r.queueUrl(url)
                        .messageBody("hi <there> & ü")
                        .messageAttributes(
                            Map.of(
                                "city",
                                MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue("Zürich")
                                    .build(),
                                "blob",
                                MessageAttributeValue.builder()
                                    .dataType("Binary")
                                    .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3}))
                                    .build())))
            .md5OfMessageAttributes();

    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(element(sent.body(), "MD5OfMessageBody"))
        .isEqualTo(SqsApiTest.md5("hi <there> & ü"));
    assertThat(element(sent.body(), "MD5OfMessageAttributes")).isEqualTo(onJson);
    String messageId = element(sent.body(), "MessageId");

    HttpResponse<String> received =
        post(
            "Action=ReceiveMessage&Version=2012-11-05&QueueUrl="
                + encode(url)
                + "&AttributeName.1=All&MessageAttributeName.1=All&MaxNumberOfMessages=1");
    assertThat(received.body())
        .contains("<ReceiveMessageResult><Message><MessageId>" + messageId + "</MessageId>")
        .contains("<Body>hi &lt;there&gt; &amp; ü</Body>")
        .contains("<MD5OfBody>" + SqsApiTest.md5("hi <there> & ü") + "</MD5OfBody>")
        .contains("<Attribute><Name>SenderId</Name><Value>test</Value></Attribute>")
        .contains("<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>")
        .contains("<MD5OfMessageAttributes>" + onJson + "</MD5OfMessageAttributes>")
        .contains(
            "<MessageAttribute><Name>blob</Name><Value><BinaryValue>AQID</BinaryValue>"
                + "<DataType>Binary</DataType></Value></MessageAttribute>"
                + "<MessageAttribute><Name>city</Name><Value><StringValue>Zürich</StringValue>"
                + "<DataType>String</DataType></Value></MessageAttribute></Message>");
    String receipt = element(received.body(), "ReceiptHandle");

    post(
        "Action=ChangeMessageVisibility&Version=2012-11-05&QueueUrl="
            + encode(url)
            + "&ReceiptHandle="
            + encode(receipt)
            + "&VisibilityTimeout=0");
    post(
        "Action=DeleteMessage&Version=2012-11-05&QueueUrl="
            + encode(url)
            + "&ReceiptHandle="
            + encode(receipt));
    assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages())
        .extracting(m -> m.body())
        .containsExactly("hi <there> & ü");
    assertThat(post("Action=ReceiveMessage&Version=2012-11-05&QueueUrl=" + encode(url)).body())
        .contains("<ReceiveMessageResult></ReceiveMessageResult>");
  }

  @Test
  void batchesAnswerWithFlattenedResultAndErrorEntries() throws Exception {
    String url = sqs.createQueue(r -> r.queueName("batches")).queueUrl();

    HttpResponse<String> sent =
        post(
            "Action=SendMessageBatch&Version=2012-11-05&QueueUrl="
                + encode(url)
                + "&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=one"
                + "&SendMessageBatchRequestEntry.2.Id=bad"
                + "&SendMessageBatchRequestEntry.2.MessageBody=%07"
                + "&SendMessageBatchRequestEntry.3.Id=c&SendMessageBatchRequestEntry.3.MessageBody=three"
                + "&SendMessageBatchRequestEntry.3.DelaySeconds=0");

    assertThat(sent.body())
        .containsPattern(
            "<SendMessageBatchResult><SendMessageBatchResultEntry><Id>a</Id><MessageId>[^<]+"
                + "</MessageId><MD5OfMessageBody>"
                + SqsApiTest.md5("one")
                + "</MD5OfMessageBody></SendMessageBatchResultEntry><SendMessageBatchResultEntry>"
                + "<Id>c</Id>")
        .contains(
            "<BatchResultErrorEntry><Id>bad</Id><SenderFault>true</SenderFault>"
                + "<Code>InvalidMessageContents</Code><Message>");

    HttpResponse<String> received =
        post(
            "Action=ReceiveMessage&Version=2012-11-05&QueueUrl="
                + encode(url)
                + "&MaxNumberOfMessages=10");
    List<String> receipts = elements(received.body(), "ReceiptHandle");
    assertThat(receipts).hasSize(2);

    assertThat(
            post("Action=ChangeMessageVisibilityBatch&Version=2012-11-05&QueueUrl="
                    + encode(url)
                    + "&ChangeMessageVisibilityBatchRequestEntry.1.Id=v1"
                    + "&ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle="
                    + encode(receipts.get(0))
                    + "&ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout=60"
                    + "&ChangeMessageVisibilityBatchRequestEntry.2.Id=v2"
                    + "&ChangeMessageVisibilityBatchRequestEntry.2.ReceiptHandle=nonsense")
                .body())
        .contains(
            "<ChangeMessageVisibilityBatchResult><ChangeMessageVisibilityBatchResultEntry>"
                + "<Id>v1</Id></ChangeMessageVisibilityBatchResultEntry><BatchResultErrorEntry>"
                + "<Id>v2</Id><SenderFault>true</SenderFault><Code>ReceiptHandleIsInvalid</Code>");
    assertThat(
            post("Action=DeleteMessageBatch&Version=2012-11-05&QueueUrl="
                    + encode(url)
                    + "&DeleteMessageBatchRequestEntry.1.Id=d1"
                    + "&DeleteMessageBatchRequestEntry.1.ReceiptHandle="
                    + encode(receipts.get(0))
                    + "&DeleteMessageBatchRequestEntry.2.Id=d2"
                    + "&DeleteMessageBatchRequestEntry.2.ReceiptHandle="
                    + encode(receipts.get(1)))
                .body())
        .contains(
            "<DeleteMessageBatchResult><DeleteMessageBatchResultEntry><Id>d1</Id>"
                + "</DeleteMessageBatchResultEntry><DeleteMessageBatchResultEntry><Id>d2</Id>"
                + "</DeleteMessageBatchResultEntry></DeleteMessageBatchResult>");
  }

  @Test
  void errorsAreXmlWithTheQueryCodes() throws Exception {
    HttpResponse<String> missing = post("Action=GetQueueUrl&Version=2012-11-05&QueueName=nowhere");
    HttpResponse<String> noName = post("Action=CreateQueue&Version=2012-11-05");
    HttpResponse<String> moveTask =
        post(
            "Action=StartMessageMoveTask&Version=2012-11-05"
                + "&SourceArn=arn%3Aaws%3Asqs%3Aus-east-1%3A000000000000%3Adlq");
    HttpResponse<String> unknown = post("Action=FlyToTheMoon&Version=2012-11-05");

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body())
        .contains(
            "<ErrorResponse xmlns=\""
                + NS
                + "\"><Error><Type>Sender</Type>"
                + "<Code>AWS.SimpleQueueService.NonExistentQueue</Code>"
                + "<Message>The specified queue does not exist.</Message></Error><RequestId>");
    assertThat(noName.body())
        .contains(
            "<Code>MissingParameter</Code>"
                + "<Message>The request must contain the parameter QueueName.</Message>");
    assertThat(moveTask.body())
        .contains("<Code>AWS.SimpleQueueService.UnsupportedOperation</Code>");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("<Code>InvalidAction</Code>");
  }

  @Test
  void aModelConstraintIsReportedAsAwsWordsIt() throws Exception {
    String url = sqs.createQueue(r -> r.queueName("attempts")).queueUrl();

    HttpResponse<String> refused =
        post(
            "Action=ReceiveMessage&Version=2012-11-05&QueueUrl="
                + encode(url)
                + "&ReceiveRequestAttemptId="
                + "a".repeat(129));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("<Code>InvalidParameterValue</Code>");
    assertThat(element(refused.body(), "Message"))
        .isEqualTo(
            "1 validation error detected: Value '"
                + "a".repeat(129)
                + "' at 'receiveRequestAttemptId' failed to satisfy constraint: Member must have"
                + " length less than or equal to 128");
  }

  @Test
  void olderClientsPostToTheQueueUrlWithoutQueueUrlInTheForm() throws Exception {
    String url = sqs.createQueue(r -> r.queueName("legacy")).queueUrl();

    HttpResponse<String> sent =
        post(
            "/000000000000/legacy", "Action=SendMessage&Version=2012-11-05&MessageBody=old+school");
    HttpResponse<String> attributes =
        post(
            "/000000000000/legacy",
            "Action=GetQueueAttributes&Version=2012-11-05&AttributeName.1=QueueArn");
    HttpResponse<String> elsewhere =
        post("/000000000000/nowhere", "Action=SendMessage&Version=2012-11-05&MessageBody=x");

    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("<SendMessageResponse xmlns=\"" + NS + "\">");
    assertThat(attributes.body())
        .contains(
            "<Attribute><Name>QueueArn</Name>"
                + "<Value>arn:aws:sqs:us-east-1:000000000000:legacy</Value></Attribute>");
    assertThat(elsewhere.body()).contains("<Code>AWS.SimpleQueueService.NonExistentQueue</Code>");
    assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages())
        .extracting(m -> m.body())
        .containsExactly("old school");
  }

  private HttpResponse<String> post(String form) throws Exception {
    return post("/", form);
  }

  /** A form post as botocore sends it, signed for {@code sqs}; the signature is not checked. */
  private HttpResponse<String> post(String path, String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url() + path))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header("X-Amz-Date", "20260101T000000Z")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request,"
                    + " SignedHeaders=content-type;host;x-amz-date, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The text of the first element {@code name}, XML escapes undone. */
  private static String element(String xml, String name) {
    return elements(xml, name).getFirst();
  }

  private static List<String> elements(String xml, String name) {
    Matcher matcher = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    List<String> texts = new java.util.ArrayList<>();
    while (matcher.find()) {
      texts.add(
          matcher
              .group(1)
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&quot;", "\"")
              .replace("&apos;", "'")
              .replace("&amp;", "&"));
    }
    return texts;
  }
}
