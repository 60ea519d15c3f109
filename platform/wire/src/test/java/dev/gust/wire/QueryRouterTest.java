package dev.gust.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.ErrorType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query protocol (SNS): routing by {@code Action}, form decoding, XML replies and errors. */
class QueryRouterTest {

  private static final String NS = "http://sns.amazonaws.com/doc/2010-03-31/";

  record Created(String topicArn) {}

  private static final ErrorType NOT_FOUND = ErrorType.user("NotFound", 404);

  private final Router router =
      new Router(
          List.of(
              Route.Query.of(
                  "sns",
                  "CreateTopic",
                  NS,
                  (params, call) ->
                      QueryXml.reply(
                          "CreateTopic",
                          NS,
                          call.context().requestId(),
                          new Created("arn:" + params.get("Name").orElseThrow()))),
              Route.Query.of(
                  "sns",
                  "DeleteTopic",
                  NS,
                  (params, call) -> {
                    throw NOT_FOUND.exception("Topic does not exist");
                  }),
              Route.Query.of(
                  "sns",
                  "Crash",
                  NS,
                  (params, call) -> {
                    throw new IllegalStateException("boom");
                  }),
              Route.Rest.of(
                  "ListFunctions",
                  "GET",
                  "/2015-03-31/functions",
                  call -> HttpResponse.of(200, "text/plain", "rest".getBytes(UTF_8))),
              new Route.Target(
                  "SQS",
                  "AmazonSQS",
                  1024,
                  (operation, call) ->
                      HttpResponse.of(200, "text/plain", "json".getBytes(UTF_8)))));

  private HttpResponse form(String body) {
    return router.handle(
        HttpRequest.of(
            "POST",
            "/",
            "",
            Headers.of(
                Map.of(
                    "Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"))),
            body.getBytes(UTF_8)),
        "http://localhost");
  }

  @Test
  void formPostIsRoutedByActionAndDecodedAsAForm() {
    HttpResponse response = form("Action=CreateTopic&Version=2010-03-31&Name=my+topic%21");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("Content-Type", "text/xml");
    assertThat(response.bodyText())
        .contains("<CreateTopicResponse xmlns=\"" + NS + "\"><CreateTopicResult>")
        .contains("<TopicArn>arn:my topic!</TopicArn>")
        .contains(
            "<ResponseMetadata><RequestId>"
                + response.headers().get("x-amzn-RequestId")
                + "</RequestId></ResponseMetadata>");
  }

  @Test
  void getWithActionInTheUrlIsAQueryCall() {
    HttpResponse response =
        router.handle(
            HttpRequest.of("GET", "/", "Action=CreateTopic&Name=t", Headers.empty(), new byte[0]),
            "");

    assertThat(response.bodyText()).contains("<TopicArn>arn:t</TopicArn>");
  }

  @Test
  void aQueryCallPostedToAResourcePathNoRestRouteClaimsIsRoutedByAction() {
    Headers form = Headers.of(Map.of("Content-Type", List.of("application/x-www-form-urlencoded")));

    HttpResponse onResource =
        router.handle(
            HttpRequest.of(
                "POST", "/000000000000/my-queue", "", form, "Action=CreateTopic&Name=q".getBytes()),
            "");
    HttpResponse withoutAction =
        router.handle(
            HttpRequest.of("POST", "/000000000000/my-queue", "", form, "Name=q".getBytes()), "");
    HttpResponse getOnResource =
        router.handle(
            HttpRequest.of(
                "GET",
                "/000000000000/my-queue",
                "Action=CreateTopic&Name=g",
                Headers.empty(),
                new byte[0]),
            "");
    HttpResponse onRestPath =
        router.handle(
            HttpRequest.of(
                "GET", "/2015-03-31/functions", "Action=CreateTopic", Headers.empty(), new byte[0]),
            "");

    assertThat(onResource.bodyText()).contains("<TopicArn>arn:q</TopicArn>");
    assertThat(withoutAction.headers())
        .containsEntry("x-amzn-ErrorType", "UnknownOperationException");
    assertThat(getOnResource.bodyText()).contains("<TopicArn>arn:g</TopicArn>");
    assertThat(onRestPath.bodyText()).isEqualTo("rest");
  }

  @Test
  void awsErrorIsAnXmlErrorResponseWithSenderFault() {
    HttpResponse response = form("Action=DeleteTopic&TopicArn=x");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.bodyText())
        .contains("<ErrorResponse xmlns=\"" + NS + "\">")
        .contains("<Type>Sender</Type><Code>NotFound</Code>")
        .contains("<Message>Topic does not exist</Message>");
  }

  @Test
  void unknownActionIsInvalidAction() {
    HttpResponse response = form("Action=Nope");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText()).contains("<Code>InvalidAction</Code>").contains("Nope");
  }

  @Test
  void bugIsReceiverFaultAndRouterKeepsServing() {
    HttpResponse crash = form("Action=Crash");

    assertThat(crash.status()).isEqualTo(500);
    assertThat(crash.bodyText()).contains("<Type>Receiver</Type>").doesNotContain("boom");
    assertThat(form("Action=CreateTopic&Name=a").status()).isEqualTo(200);
  }

  @Test
  void restAndJsonRoutingAreUnchanged() {
    HttpResponse rest =
        router.handle(
            HttpRequest.of("GET", "/2015-03-31/functions", "", Headers.empty(), new byte[0]), "");
    HttpResponse json =
        router.handle(
            HttpRequest.of(
                "POST",
                "/",
                "",
                Headers.of(
                    Map.of(
                        "X-Amz-Target", List.of("AmazonSQS.SendMessage"),
                        "Content-Type", List.of("application/x-www-form-urlencoded"))),
                "{}".getBytes(UTF_8)),
            "");
    HttpResponse getRoot =
        router.handle(HttpRequest.of("GET", "/", "", Headers.empty(), new byte[0]), "");

    assertThat(rest.bodyText()).isEqualTo("rest");
    assertThat(json.bodyText()).isEqualTo("json");
    assertThat(getRoot.headers()).containsEntry("x-amzn-ErrorType", "UnknownOperationException");
  }

  @Test
  void xmlTextIsEscaped() {
    HttpResponse response = form("Action=CreateTopic&Name=%3Ca%26b%3E");

    assertThat(response.bodyText()).contains("<TopicArn>arn:&lt;a&amp;b&gt;</TopicArn>");
  }
}
