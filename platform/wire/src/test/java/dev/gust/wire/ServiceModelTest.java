package dev.gust.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A service declared as records speaks every protocol from that one declaration: JSON bodies, query
 * parameters with XML replies, REST bindings, the model's validation messages and the service's
 * error names.
 */
class ServiceModelTest {

  enum Color {
    RED,
    BLUE
  }

  record Attribute(String stringValue, @Member.Name("DataType") String type) {}

  sealed interface Shop {

    record PutItem(
        @Member.Length(min = 1, max = 10) String itemName,
        @Member.Range(min = 0, max = 900) Optional<Integer> delay,
        Optional<Color> color,
        @Member.Form(value = "Attribute", flat = true, key = "Name", entryValue = "Value")
            Map<String, Attribute> attributes,
        @Member.Form(value = "Label", flat = true) List<String> labels,
        Optional<Instant> at,
        Optional<byte[]> blob)
        implements Shop {}

    record ListItems(Optional<String> nextToken, @Member.Name("tags") Map<String, String> tags)
        implements Shop {}

    record Unsupported(String operation) implements Shop {}
  }

  sealed interface Orders {
    @Operation(http = "POST /2020-01-01/items/{Name}/orders", status = 201)
    record Order(
        @Member.Path("Name") String name,
        @Member.QueryString("Qualifier") Optional<String> qualifier,
        @Member.Header("X-Amz-Mode") Optional<String> mode,
        @Member.Payload byte[] payload)
        implements Orders {}
  }

  record Reply(
      String itemName,
      @Member.Form(value = "Label", flat = true) List<String> labels,
      List<String> empty,
      Optional<List<String>> shown,
      Map<String, Attribute> attributes,
      Optional<Instant> at) {}

  record OrderReply(
      @Member.Status int status,
      @Member.Header("X-Amz-Executed-Version") String version,
      @Member.Payload byte[] payload) {}

  private static final ErrorType NOT_FOUND = ErrorType.user("ItemDoesNotExist", 400);

  private static ServiceModel.Builder<Shop> shop() {
    return ServiceModel.builder("shop", Shop.class)
        .json("Shop", "application/x-amz-json-1.0")
        .query("http://shop.example/doc/")
        .errors(
            ErrorTable.namespaced("com.example.shop", code -> "coral#" + code)
                .modeled(NOT_FOUND, "Shop.NoItem")
                .queryCompatible())
        .unsupported(Shop.Unsupported::new, "StartMoveTask");
  }

  private final ServiceModel<Shop> model = shop().build();

  @Test
  void jsonBodyDecodesIntoTheCommandRecord() {
    Shop command =
        model.decodeJson(
            "PutItem",
            """
            {"ItemName":"pen","Delay":5,"Color":"BLUE","Unknown":1,
             "Attributes":{"a":{"StringValue":"x","DataType":"String"}},
             "Labels":["l1","l2"],"At":1700000000.5,"Blob":"AAE="}
            """
                .getBytes(UTF_8));

    Shop.PutItem put = (Shop.PutItem) command;
    assertThat(put.itemName()).isEqualTo("pen");
    assertThat(put.delay()).contains(5);
    assertThat(put.color()).contains(Color.BLUE);
    assertThat(put.attributes()).containsEntry("a", new Attribute("x", "String"));
    assertThat(put.labels()).containsExactly("l1", "l2");
    assertThat(put.at()).contains(Instant.ofEpochSecond(1_700_000_000, 500_000_000));
    assertThat(put.blob().orElseThrow()).containsExactly(0, 1);
  }

  @Test
  void absentMembersAreEmptyNeverNull() {
    Shop.ListItems list = (Shop.ListItems) model.decodeJson("ListItems", new byte[0]);

    assertThat(list.nextToken()).isEmpty();
    assertThat(list.tags()).isEmpty();
  }

  @Test
  void constraintViolationsAreListedAsAwsWordsThem() {
    assertThatThrownBy(
            () ->
                model.decodeJson(
                    "PutItem",
                    "{\"ItemName\":\"far-too-long-name\",\"Delay\":901,\"Color\":\"GREEN\"}"
                        .getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.type().code()).isEqualTo("ValidationException");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "3 validation errors detected: Value 'far-too-long-name' at 'itemName'"
                          + " failed to satisfy constraint: Member must have length less than or"
                          + " equal to 10; Value '901' at 'delay' failed to satisfy constraint:"
                          + " Member must have value less than or equal to 900; Value 'GREEN' at"
                          + " 'color' failed to satisfy constraint: Member must satisfy enum value"
                          + " set: [RED, BLUE]");
            });
  }

  @Test
  void missingRequiredMemberIsAViolationOrTheServicesOwnError() {
    assertThatThrownBy(() -> model.decodeJson("PutItem", "{}".getBytes(UTF_8)))
        .hasMessage(
            "1 validation error detected: Value null at 'itemName' failed to satisfy constraint:"
                + " Member must not be null");
    ServiceModel<Shop> strict =
        shop()
            .onMissing(
                member ->
                    ErrorType.user("MissingParameter", 400)
                        .exception("The request must contain the parameter " + member + "."))
            .build();
    assertThatThrownBy(() -> strict.decodeJson("PutItem", "{}".getBytes(UTF_8)))
        .hasMessage("The request must contain the parameter ItemName.");
  }

  @Test
  void wrongTypesAndBrokenJsonAreSerializationErrors() {
    for (String body :
        List.of("{\"ItemName\":5}", "{\"ItemName\":\"a\",\"Delay\":\"5\"}", "{", "[]")) {
      assertThatThrownBy(() -> model.decodeJson("PutItem", body.getBytes(UTF_8)))
          .isInstanceOfSatisfying(
              AwsException.class,
              e -> assertThat(e.type().code()).isEqualTo("SerializationException"));
    }
  }

  @Test
  void operationsNotServedDecodeToUnsupportedAndUnknownOnesAreRefused() {
    assertThat(model.decodeJson("StartMoveTask", new byte[0]))
        .isEqualTo(new Shop.Unsupported("StartMoveTask"));
    assertThatThrownBy(() -> model.decodeJson("Nope", new byte[0]))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> assertThat(e.type().code()).isEqualTo("UnknownOperationException"));
    assertThat(model.served()).containsExactly("ListItems", "PutItem");
    assertThat(model.unsupported()).containsExactly("StartMoveTask");
  }

  private static Object handle(Shop command, RequestContext context) {
    return switch (command) {
      case Shop.PutItem put ->
          new Reply(
              put.itemName(),
              put.labels(),
              List.of(),
              Optional.of(List.of()),
              put.attributes(),
              put.at());
      case Shop.ListItems list -> throw NOT_FOUND.exception("No item <here>");
      case Shop.Unsupported unsupported -> throw new IllegalStateException();
    };
  }

  private HttpResponse send(Router router, String contentType, String target, String body) {
    Map<String, List<String>> headers =
        target == null
            ? Map.of("Content-Type", List.of(contentType))
            : Map.of("Content-Type", List.of(contentType), "X-Amz-Target", List.of(target));
    return router.handle(
        HttpRequest.of("POST", "/", "", Headers.of(headers), body.getBytes(UTF_8)), "");
  }

  @Test
  void jsonRepliesLeaveOutAbsentMembersAndErrorsCarryTheModelsNames() {
    Router router = new Router(model.routes(ServiceModelTest::handle));

    HttpResponse ok =
        send(router, "application/x-amz-json-1.0", "Shop.PutItem", "{\"ItemName\":\"pen\"}");
    HttpResponse error = send(router, "application/x-amz-json-1.0", "Shop.ListItems", "{}");

    assertThat(ok.bodyText()).isEqualTo("{\"ItemName\":\"pen\",\"Shown\":[]}");
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.bodyText())
        .isEqualTo(
            "{\"__type\":\"com.example.shop#ItemDoesNotExist\",\"message\":\"No item <here>\"}");
    assertThat(error.headers()).containsEntry("x-amzn-query-error", "Shop.NoItem;Sender");
  }

  @Test
  void queryParametersDecodeFlattenedListsAndMapsAndRepliesAreXml() {
    Router router = new Router(model.routes(ServiceModelTest::handle));

    HttpResponse ok =
        send(
            router,
            "application/x-www-form-urlencoded",
            null,
            "Action=PutItem&Version=1&ItemName=pen&Label.1=a&Label.2=b"
                + "&Attribute.1.Name=k&Attribute.1.Value.StringValue=v&Attribute.1.Value.DataType=String"
                + "&At=2024-01-02T03:04:05Z");
    HttpResponse error =
        send(router, "application/x-www-form-urlencoded", null, "Action=ListItems");

    assertThat(ok.bodyText())
        .contains(
            "<PutItemResponse xmlns=\"http://shop.example/doc/\"><PutItemResult>"
                + "<ItemName>pen</ItemName><Label>a</Label><Label>b</Label><Shown></Shown>"
                + "<Attributes><entry><key>k</key><value><StringValue>v</StringValue>"
                + "<DataType>String</DataType></value></entry></Attributes>"
                + "<At>2024-01-02T03:04:05Z</At></PutItemResult>");
    assertThat(error.bodyText())
        .contains("<Code>Shop.NoItem</Code><Message>No item &lt;here&gt;</Message>");
  }

  @Test
  void restBindingsReadLabelsQueryHeadersAndPayload() {
    ServiceModel<Orders> rest = ServiceModel.builder("shop", Orders.class).rest().build();
    Router router =
        new Router(
            rest.routes(
                (command, context) ->
                    switch (command) {
                      case Orders.Order order ->
                          new OrderReply(202, order.qualifier().orElse("$LATEST"), order.payload());
                    }));

    HttpResponse response =
        router.handle(
            HttpRequest.of(
                "POST",
                "/2020-01-01/items/my%3Aitem/orders",
                "Qualifier=7",
                Headers.of(Map.of("X-Amz-Mode", List.of("fast"))),
                "raw bytes".getBytes(UTF_8)),
            "");

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.headers()).containsEntry("X-Amz-Executed-Version", "7");
    assertThat(response.bodyText()).isEqualTo("raw bytes");
  }

  sealed interface Counters {
    record Count(int times, boolean loud, Optional<Long> since) implements Counters {}
  }

  record Counted(int times, boolean loud) {}

  @Test
  void primitiveMembersAreBuiltAndReadThroughTheRecordsOwnHandles() {
    ServiceModel<Counters> counters =
        ServiceModel.builder("counter", Counters.class)
            .json("Counter", "application/x-amz-json-1.0")
            .build();
    Router router =
        new Router(
            counters.routes(
                (command, context) ->
                    switch (command) {
                      case Counters.Count count -> new Counted(count.times() + 1, !count.loud());
                    }));

    assertThat(counters.decodeJson("Count", "{\"Times\":2,\"Loud\":true}".getBytes(UTF_8)))
        .isEqualTo(new Counters.Count(2, true, Optional.empty()));
    assertThat(
            send(
                    router,
                    "application/x-amz-json-1.0",
                    "Counter.Count",
                    "{\"Times\":2,\"Loud\":true,\"Since\":7}")
                .bodyText())
        .isEqualTo("{\"Times\":3,\"Loud\":false}");
  }

  /** Two query services declaring the same action each serve their own, by signing name. */
  sealed interface Queues {
    record AddPermission(String queueUrl) implements Queues {}
  }

  sealed interface Topics {
    record AddPermission(String topicArn) implements Topics {}
  }

  record Served(String by) {}

  @Test
  void twoQueryServicesMayDefineTheSameAction() {
    List<Route> routes = new java.util.ArrayList<>();
    routes.addAll(
        ServiceModel.builder("sns", Topics.class)
            .query("sns-ns")
            .build()
            .routes((command, context) -> new Served("sns")));
    routes.addAll(
        ServiceModel.builder("sqs", Queues.class)
            .query("sqs-ns")
            .build()
            .routes((command, context) -> new Served("sqs")));
    Router router = new Router(routes);

    assertThat(signed(router, "sqs", "Action=AddPermission&QueueUrl=q").bodyText())
        .contains("<By>sqs</By>");
    assertThat(signed(router, "sns", "Action=AddPermission&TopicArn=t").bodyText())
        .contains("<By>sns</By>");
  }

  @Test
  void anUnknownActionIsAnsweredInTheNamespaceOfTheServiceItWasSignedFor() {
    List<Route> routes = new java.util.ArrayList<>();
    routes.addAll(
        ServiceModel.builder("sqs", Queues.class)
            .query("sqs-ns")
            .build()
            .routes((command, context) -> new Served("sqs")));
    routes.addAll(
        ServiceModel.builder("sns", Topics.class)
            .query("sns-ns")
            .build()
            .routes((command, context) -> new Served("sns")));
    Router router = new Router(routes);

    assertThat(signed(router, "sns", "Action=Nope").bodyText())
        .contains("<ErrorResponse xmlns=\"sns-ns\"><Error><Type>Sender</Type>")
        .contains("<Code>InvalidAction</Code>");
    assertThat(signed(router, "sqs", "Action=Nope").bodyText())
        .contains("<ErrorResponse xmlns=\"sqs-ns\">");
  }

  private static HttpResponse signed(Router router, String service, String form) {
    String authorization =
        "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/"
            + service
            + "/aws4_request, SignedHeaders=host, Signature=0";
    return router.handle(
        HttpRequest.of(
            "POST",
            "/",
            "",
            Headers.of(
                Map.of(
                    "Content-Type", List.of("application/x-www-form-urlencoded"),
                    "Authorization", List.of(authorization))),
            form.getBytes(UTF_8)),
        "");
  }
}
