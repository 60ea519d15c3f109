package dev.gust.sns;

import static dev.gust.sns.SnsErrors.invalid;

import dev.gust.core.Arn;
import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;
import dev.gust.wire.QueryParams;
import dev.gust.wire.QueryXml;
import dev.gust.wire.Route;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SNS API on the query protocol ({@code Action=...&Version=2010-03-31}, XML replies): each
 * action reads its parameters, runs against {@link Topics} and answers in AWS's XML shape.
 */
public final class SnsApi {

  static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
  static final int MAX_BATCH = 10;
  private static final int PAGE = 100;
  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  /** One action: reads the parameters and writes the inside of its {@code Result} element. */
  @FunctionalInterface
  private interface Action {
    void run(QueryParams params, Route.Call call, QueryXml.Writer out);
  }

  private final Topics topics;

  public SnsApi(Topics topics) {
    this.topics = topics;
  }

  public List<Route> routes() {
    Map<String, Action> actions = new LinkedHashMap<>();
    actions.put("CreateTopic", this::createTopic);
    actions.put("DeleteTopic", (p, c, out) -> topics.deleteTopic(topicArn(p, "TopicArn")));
    actions.put("ListTopics", this::listTopics);
    actions.put(
        "GetTopicAttributes",
        (p, c, out) -> attributes(out, topics.topicAttributes(topicArn(p, "TopicArn"))));
    actions.put(
        "SetTopicAttributes",
        (p, c, out) ->
            topics.setTopicAttribute(
                topicArn(p, "TopicArn"),
                required(p, "AttributeName"),
                p.get("AttributeValue").orElse("")));
    actions.put("Subscribe", this::subscribe);
    actions.put(
        "ConfirmSubscription",
        (p, c, out) ->
            out.element(
                "SubscriptionArn",
                topics.confirmSubscription(topicArn(p, "TopicArn"), required(p, "Token"))));
    actions.put("Unsubscribe", (p, c, out) -> topics.unsubscribe(required(p, "SubscriptionArn")));
    actions.put(
        "ListSubscriptions",
        (p, c, out) ->
            subscriptions(p, out, topics.listSubscriptions(c.context().scope(), Optional.empty())));
    actions.put(
        "ListSubscriptionsByTopic",
        (p, c, out) ->
            subscriptions(
                p,
                out,
                topics.listSubscriptions(
                    c.context().scope(), Optional.of(topicArn(p, "TopicArn")))));
    actions.put(
        "GetSubscriptionAttributes",
        (p, c, out) ->
            attributes(out, topics.subscriptionAttributes(required(p, "SubscriptionArn"))));
    actions.put(
        "SetSubscriptionAttributes",
        (p, c, out) ->
            topics.setSubscriptionAttribute(
                required(p, "SubscriptionArn"),
                required(p, "AttributeName"),
                p.get("AttributeValue").orElse("")));
    actions.put("Publish", this::publish);
    actions.put("PublishBatch", this::publishBatch);
    actions.put(
        "TagResource", (p, c, out) -> topics.tag(topicArn(p, "ResourceArn"), tags(p), List.of()));
    actions.put(
        "UntagResource",
        (p, c, out) -> topics.tag(topicArn(p, "ResourceArn"), Map.of(), p.members("TagKeys")));
    actions.put("ListTagsForResource", this::listTags);
    actions.put(
        "AddPermission",
        (p, c, out) -> {
          required(p, "Label");
          topics.checkTopic(topicArn(p, "TopicArn"));
        });
    actions.put(
        "RemovePermission",
        (p, c, out) -> {
          required(p, "Label");
          topics.checkTopic(topicArn(p, "TopicArn"));
        });
    List<Route> routes = new ArrayList<>();
    actions.forEach(
        (name, action) ->
            routes.add(
                Route.Query.of(
                    "sns",
                    name,
                    NAMESPACE,
                    (params, call) -> {
                      QueryXml.Writer out = QueryXml.writer();
                      action.run(params, call, out);
                      return QueryXml.reply(name, NAMESPACE, call.context().requestId(), out);
                    })));
    return routes;
  }

  private void createTopic(QueryParams p, Route.Call call, QueryXml.Writer out) {
    out.element(
        "TopicArn",
        topics.createTopic(
            call.context().scope(), required(p, "Name"), entries(p, "Attributes"), tags(p)));
  }

  private void listTopics(QueryParams p, Route.Call call, QueryXml.Writer out) {
    List<Topic> all = topics.listTopics(call.context().scope());
    int start = start(p);
    out.start("Topics");
    for (Topic t : all.subList(start, Math.min(all.size(), start + PAGE))) {
      out.start("member").element("TopicArn", t.arn()).end("member");
    }
    out.end("Topics");
    if (start + PAGE < all.size()) {
      out.element("NextToken", Integer.toString(start + PAGE));
    }
  }

  private void subscribe(QueryParams p, Route.Call call, QueryXml.Writer out) {
    Subscription s =
        topics.subscribe(
            topicArn(p, "TopicArn"),
            required(p, "Protocol"),
            p.get("Endpoint").orElseThrow(() -> invalid("Endpoint")),
            entries(p, "Attributes"),
            call.context().baseUrl());
    boolean returnArn = p.get("ReturnSubscriptionArn").filter("true"::equalsIgnoreCase).isPresent();
    out.element("SubscriptionArn", s.confirmed() || returnArn ? s.arn() : "pending confirmation");
  }

  private static void subscriptions(QueryParams p, QueryXml.Writer out, List<Subscription> all) {
    int start = start(p);
    out.start("Subscriptions");
    for (Subscription s : all.subList(start, Math.min(all.size(), start + PAGE))) {
      out.start("member")
          .element("TopicArn", s.topicArn())
          .element("Protocol", s.protocol())
          .element("SubscriptionArn", s.confirmed() ? s.arn() : "PendingConfirmation")
          .element("Owner", Arn.parse(s.topicArn()).map(Arn::account).orElse(""))
          .element("Endpoint", s.endpoint())
          .end("member");
    }
    out.end("Subscriptions");
    if (start + PAGE < all.size()) {
      out.element("NextToken", Integer.toString(start + PAGE));
    }
  }

  private void publish(QueryParams p, Route.Call call, QueryXml.Writer out) {
    String arn =
        p.get("TopicArn")
            .or(() -> p.get("TargetArn"))
            .orElseThrow(
                () -> invalid("TopicArn or TargetArn Reason: no value for required parameter"));
    TopicPublisher.Published published =
        topics.publish(request(checkArn(arn, "TopicArn"), p), call.context().baseUrl());
    out.element("MessageId", published.messageId());
    published.sequenceNumber().ifPresent(s -> out.element("SequenceNumber", s));
  }

  private void publishBatch(QueryParams p, Route.Call call, QueryXml.Writer out) {
    String arn = topicArn(p, "TopicArn");
    List<QueryParams> entries = p.structures("PublishBatchRequestEntries");
    if (entries.isEmpty()) {
      throw SnsErrors.EMPTY_BATCH.exception("The batch request doesn't contain any entries.");
    }
    if (entries.size() > MAX_BATCH) {
      throw SnsErrors.TOO_MANY_ENTRIES.exception(
          "The batch request contains more entries than permissible.");
    }
    Set<String> ids = new HashSet<>();
    long size = 0;
    for (QueryParams e : entries) {
      String id = e.get("Id").orElse("");
      if (!BATCH_ID.matcher(id).matches()) {
        throw SnsErrors.INVALID_BATCH_ID.exception(
            "The Id of a batch entry in a batch request doesn't abide by the specification.");
      }
      if (!ids.add(id)) {
        throw SnsErrors.IDS_NOT_DISTINCT.exception(
            "Two or more batch entries in the request have the same Id.");
      }
      size += e.get("Message").orElse("").length();
    }
    if (size > TopicPublisher.MAX_MESSAGE_BYTES) {
      throw SnsErrors.BATCH_TOO_LONG.exception(
          "The length of all the messages put together is more than the limit.");
    }
    QueryXml.Writer successful = QueryXml.writer();
    QueryXml.Writer failed = QueryXml.writer();
    for (QueryParams e : entries) {
      String id = e.get("Id").orElseThrow();
      try {
        TopicPublisher.Published published =
            topics.publish(request(arn, e), call.context().baseUrl());
        successful.start("member").element("Id", id).element("MessageId", published.messageId());
        published.sequenceNumber().ifPresent(s -> successful.element("SequenceNumber", s));
        successful.end("member");
      } catch (AwsException error) {
        if (error.type().equals(SnsErrors.NOT_FOUND)) {
          throw error;
        }
        failed
            .start("member")
            .element("Id", id)
            .element("Code", error.type().code())
            .element("Message", error.getMessage())
            .element("SenderFault", Boolean.toString(error.type().fault() == ErrorType.Fault.USER))
            .end("member");
      }
    }
    out.start("Successful").append(successful).end("Successful");
    out.start("Failed").append(failed).end("Failed");
  }

  private static void attributes(QueryXml.Writer out, Map<String, String> attributes) {
    out.start("Attributes");
    attributes.forEach(
        (k, v) -> out.start("entry").element("key", k).element("value", v).end("entry"));
    out.end("Attributes");
  }

  private void listTags(QueryParams p, Route.Call call, QueryXml.Writer out) {
    out.start("Tags");
    topics
        .tags(topicArn(p, "ResourceArn"))
        .forEach((k, v) -> out.start("member").element("Key", k).element("Value", v).end("member"));
    out.end("Tags");
  }

  // ---- parameters ---------------------------------------------------------------------------

  private static TopicPublisher.Request request(String topicArn, QueryParams p) {
    Map<String, SnsMessageAttribute> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, QueryParams> e : p.entries("MessageAttributes", "Name")) {
      QueryParams value = e.getValue().under("Value");
      String type = value.get("DataType").orElseThrow(() -> invalid("MessageAttributes"));
      String text =
          value
              .get("StringValue")
              .or(() -> value.get("BinaryValue"))
              .orElseThrow(
                  () ->
                      SnsErrors.INVALID_PARAMETER_VALUE.exception(
                          "The message attribute '%s' must contain non-empty message attribute"
                              + " value for message attribute type '%s'.",
                          e.getKey(), type));
      attributes.put(e.getKey(), new SnsMessageAttribute(type, text));
    }
    return new TopicPublisher.Request(
        topicArn,
        p.get("Message").orElseThrow(() -> invalid("Message")),
        p.get("Subject"),
        p.get("MessageStructure"),
        attributes,
        p.get("MessageGroupId"),
        p.get("MessageDeduplicationId"));
  }

  private static String required(QueryParams p, String name) {
    return p.get(name)
        .filter(v -> !v.isEmpty())
        .orElseThrow(() -> invalid(name + " Reason: no value for required parameter"));
  }

  private static String topicArn(QueryParams p, String name) {
    return checkArn(required(p, name), name);
  }

  private static String checkArn(String arn, String name) {
    if (Arn.parse(arn).filter(a -> a.service().equals("sns")).isEmpty()) {
      throw invalid(name);
    }
    return arn;
  }

  private static Map<String, String> entries(QueryParams p, String name) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, QueryParams> e : p.entries(name, "key")) {
      out.put(e.getKey(), e.getValue().get("value").orElse(""));
    }
    return out;
  }

  private static Map<String, String> tags(QueryParams p) {
    Map<String, String> out = new LinkedHashMap<>();
    for (QueryParams tag : p.structures("Tags")) {
      out.put(tag.get("Key").orElseThrow(() -> invalid("Tags")), tag.get("Value").orElse(""));
    }
    return out;
  }

  private static int start(QueryParams p) {
    try {
      return Math.max(0, Integer.parseInt(p.get("NextToken").orElse("0")));
    } catch (NumberFormatException e) {
      throw invalid("NextToken");
    }
  }
}
