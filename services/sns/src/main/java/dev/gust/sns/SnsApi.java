package dev.gust.sns;

import static dev.gust.sns.SnsErrors.invalid;

import dev.gust.core.Arn;
import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;
import dev.gust.sns.SnsModel.AttributesResult;
import dev.gust.sns.SnsModel.BatchResultErrorEntry;
import dev.gust.sns.SnsModel.Command;
import dev.gust.sns.SnsModel.Command.AddPermission;
import dev.gust.sns.SnsModel.Command.ConfirmSubscription;
import dev.gust.sns.SnsModel.Command.CreateTopic;
import dev.gust.sns.SnsModel.Command.DeleteTopic;
import dev.gust.sns.SnsModel.Command.GetSubscriptionAttributes;
import dev.gust.sns.SnsModel.Command.GetTopicAttributes;
import dev.gust.sns.SnsModel.Command.ListSubscriptions;
import dev.gust.sns.SnsModel.Command.ListSubscriptionsByTopic;
import dev.gust.sns.SnsModel.Command.ListTagsForResource;
import dev.gust.sns.SnsModel.Command.ListTopics;
import dev.gust.sns.SnsModel.Command.Publish;
import dev.gust.sns.SnsModel.Command.PublishBatch;
import dev.gust.sns.SnsModel.Command.RemovePermission;
import dev.gust.sns.SnsModel.Command.SetSubscriptionAttributes;
import dev.gust.sns.SnsModel.Command.SetTopicAttributes;
import dev.gust.sns.SnsModel.Command.Subscribe;
import dev.gust.sns.SnsModel.Command.TagResource;
import dev.gust.sns.SnsModel.Command.Unsubscribe;
import dev.gust.sns.SnsModel.Command.Unsupported;
import dev.gust.sns.SnsModel.Command.UntagResource;
import dev.gust.sns.SnsModel.CreateTopicResult;
import dev.gust.sns.SnsModel.ListSubscriptionsResult;
import dev.gust.sns.SnsModel.ListTagsForResourceResult;
import dev.gust.sns.SnsModel.ListTopicsResult;
import dev.gust.sns.SnsModel.MessageAttributeValue;
import dev.gust.sns.SnsModel.NoMembers;
import dev.gust.sns.SnsModel.PublishBatchRequestEntry;
import dev.gust.sns.SnsModel.PublishBatchResult;
import dev.gust.sns.SnsModel.PublishBatchResultEntry;
import dev.gust.sns.SnsModel.PublishResult;
import dev.gust.sns.SnsModel.SubscriptionArnResult;
import dev.gust.sns.SnsModel.SubscriptionMember;
import dev.gust.sns.SnsModel.Tag;
import dev.gust.sns.SnsModel.TopicMember;
import dev.gust.wire.Empty;
import dev.gust.wire.RequestContext;
import dev.gust.wire.Route;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SNS API: each command of {@link SnsModel} runs against {@link Topics} and answers with a
 * reply record of the model. Here are the checks the model cannot declare in SNS's own words: empty
 * required values, topic ARNs, pages, and PublishBatch's batch rules.
 */
final class SnsApi {

  static final int MAX_BATCH = 10;
  private static final int PAGE = 100;
  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private final Topics topics;

  SnsApi(Topics topics) {
    this.topics = topics;
  }

  List<Route> routes() {
    return SnsModel.MODEL.routes(this::handle);
  }

  Object handle(Command command, RequestContext context) {
    return switch (command) {
      case CreateTopic create ->
          new CreateTopicResult(
              topics.createTopic(
                  context.scope(),
                  required(create.name(), "Name"),
                  create.attributes(),
                  tags(create.tags())));
      case DeleteTopic delete -> {
        topics.deleteTopic(topicArn(delete.topicArn(), "TopicArn"));
        yield Empty.INSTANCE;
      }
      case ListTopics list -> listTopics(list, context);
      case GetTopicAttributes get ->
          new AttributesResult(
              Optional.of(topics.topicAttributes(topicArn(get.topicArn(), "TopicArn"))));
      case SetTopicAttributes set -> {
        topics.setTopicAttribute(
            topicArn(set.topicArn(), "TopicArn"),
            required(set.attributeName(), "AttributeName"),
            set.attributeValue().orElse(""));
        yield Empty.INSTANCE;
      }
      case Subscribe subscribe -> subscribe(subscribe, context);
      case ConfirmSubscription confirm ->
          new SubscriptionArnResult(
              topics.confirmSubscription(
                  topicArn(confirm.topicArn(), "TopicArn"), required(confirm.token(), "Token")));
      case Unsubscribe unsubscribe -> {
        topics.unsubscribe(required(unsubscribe.subscriptionArn(), "SubscriptionArn"));
        yield Empty.INSTANCE;
      }
      case ListSubscriptions list ->
          subscriptions(
              list.nextToken(), topics.listSubscriptions(context.scope(), Optional.empty()));
      case ListSubscriptionsByTopic list ->
          subscriptions(
              list.nextToken(),
              topics.listSubscriptions(
                  context.scope(), Optional.of(topicArn(list.topicArn(), "TopicArn"))));
      case GetSubscriptionAttributes get ->
          new AttributesResult(
              Optional.of(
                  topics.subscriptionAttributes(
                      required(get.subscriptionArn(), "SubscriptionArn"))));
      case SetSubscriptionAttributes set -> {
        topics.setSubscriptionAttribute(
            required(set.subscriptionArn(), "SubscriptionArn"),
            required(set.attributeName(), "AttributeName"),
            set.attributeValue().orElse(""));
        yield Empty.INSTANCE;
      }
      case Publish publish -> publish(publish, context);
      case PublishBatch batch -> publishBatch(batch, context);
      case TagResource tag -> {
        topics.tag(topicArn(tag.resourceArn(), "ResourceArn"), tags(tag.tags()), List.of());
        yield new NoMembers();
      }
      case UntagResource untag -> {
        topics.tag(topicArn(untag.resourceArn(), "ResourceArn"), Map.of(), untag.tagKeys());
        yield new NoMembers();
      }
      case ListTagsForResource list -> {
        List<Tag> tags = new ArrayList<>();
        topics
            .tags(topicArn(list.resourceArn(), "ResourceArn"))
            .forEach((key, value) -> tags.add(new Tag(key, Optional.of(value))));
        yield new ListTagsForResourceResult(Optional.of(tags));
      }
      case AddPermission add -> {
        required(add.label(), "Label");
        if (add.accountIds().isEmpty()) {
          throw invalid("AWSAccountId Reason: no value for required parameter");
        }
        if (add.actionNames().isEmpty()) {
          throw invalid("ActionName Reason: no value for required parameter");
        }
        topics.checkTopic(topicArn(add.topicArn(), "TopicArn"));
        yield Empty.INSTANCE;
      }
      case RemovePermission remove -> {
        required(remove.label(), "Label");
        topics.checkTopic(topicArn(remove.topicArn(), "TopicArn"));
        yield Empty.INSTANCE;
      }
      case Unsupported unsupported ->
          throw SnsErrors.INVALID_ACTION.exception(
              "The action %s is not valid for this web service.", unsupported.operation());
    };
  }

  private ListTopicsResult listTopics(ListTopics list, RequestContext context) {
    List<Topic> all = topics.listTopics(context.scope());
    int start = start(list.nextToken());
    List<TopicMember> page =
        all.subList(Math.min(start, all.size()), Math.min(all.size(), start + PAGE)).stream()
            .map(topic -> new TopicMember(topic.arn()))
            .toList();
    return new ListTopicsResult(Optional.of(page), next(start, all.size()));
  }

  private SubscriptionArnResult subscribe(Subscribe subscribe, RequestContext context) {
    Subscription s =
        topics.subscribe(
            topicArn(subscribe.topicArn(), "TopicArn"),
            required(subscribe.protocol(), "Protocol"),
            subscribe.endpoint().orElseThrow(() -> invalid("Endpoint")),
            subscribe.attributes(),
            context.baseUrl());
    boolean returnArn = subscribe.returnSubscriptionArn().orElse(false);
    return new SubscriptionArnResult(s.confirmed() || returnArn ? s.arn() : "pending confirmation");
  }

  private static ListSubscriptionsResult subscriptions(
      Optional<String> nextToken, List<Subscription> all) {
    int start = start(nextToken);
    List<SubscriptionMember> page =
        all.subList(Math.min(start, all.size()), Math.min(all.size(), start + PAGE)).stream()
            .map(
                s ->
                    new SubscriptionMember(
                        s.topicArn(),
                        s.protocol(),
                        s.confirmed() ? s.arn() : "PendingConfirmation",
                        Arn.parse(s.topicArn()).map(Arn::account).orElse(""),
                        s.endpoint()))
            .toList();
    return new ListSubscriptionsResult(Optional.of(page), next(start, all.size()));
  }

  private PublishResult publish(Publish publish, RequestContext context) {
    String arn =
        publish
            .topicArn()
            .or(publish::targetArn)
            .orElseThrow(
                () -> invalid("TopicArn or TargetArn Reason: no value for required parameter"));
    TopicPublisher.Published published =
        topics.publish(
            new TopicPublisher.Request(
                checkArn(arn, "TopicArn"),
                publish.message(),
                publish.subject(),
                publish.messageStructure(),
                attributes(publish.messageAttributes()),
                publish.messageGroupId(),
                publish.messageDeduplicationId()),
            context.baseUrl());
    return new PublishResult(published.messageId(), published.sequenceNumber());
  }

  private PublishBatchResult publishBatch(PublishBatch batch, RequestContext context) {
    String arn = topicArn(batch.topicArn(), "TopicArn");
    List<PublishBatchRequestEntry> entries = batch.publishBatchRequestEntries();
    if (entries.isEmpty()) {
      throw SnsErrors.EMPTY_BATCH.exception("The batch request doesn't contain any entries.");
    }
    if (entries.size() > MAX_BATCH) {
      throw SnsErrors.TOO_MANY_ENTRIES.exception(
          "The batch request contains more entries than permissible.");
    }
    Set<String> ids = new HashSet<>();
    long size = 0;
    for (PublishBatchRequestEntry entry : entries) {
      if (!BATCH_ID.matcher(entry.id()).matches()) {
        throw SnsErrors.INVALID_BATCH_ID.exception(
            "The Id of a batch entry in a batch request doesn't abide by the specification.");
      }
      if (!ids.add(entry.id())) {
        throw SnsErrors.IDS_NOT_DISTINCT.exception(
            "Two or more batch entries in the request have the same Id.");
      }
      size += entry.message().length();
    }
    if (size > TopicPublisher.MAX_MESSAGE_BYTES) {
      throw SnsErrors.BATCH_TOO_LONG.exception(
          "The length of all the messages put together is more than the limit.");
    }
    List<PublishBatchResultEntry> successful = new ArrayList<>();
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (PublishBatchRequestEntry entry : entries) {
      try {
        TopicPublisher.Published published =
            topics.publish(
                new TopicPublisher.Request(
                    arn,
                    entry.message(),
                    entry.subject(),
                    entry.messageStructure(),
                    attributes(entry.messageAttributes()),
                    entry.messageGroupId(),
                    entry.messageDeduplicationId()),
                context.baseUrl());
        successful.add(
            new PublishBatchResultEntry(
                entry.id(), published.messageId(), published.sequenceNumber()));
      } catch (AwsException error) {
        if (error.type().equals(SnsErrors.NOT_FOUND)) {
          throw error;
        }
        failed.add(
            new BatchResultErrorEntry(
                entry.id(),
                error.type().code(),
                error.getMessage(),
                error.type().fault() == ErrorType.Fault.USER));
      }
    }
    return new PublishBatchResult(Optional.of(successful), Optional.of(failed));
  }

  // ---- values -------------------------------------------------------------------------------

  /** The message attributes as the engine keeps them: a binary value as its base64 text. */
  private static Map<String, SnsMessageAttribute> attributes(
      Map<String, MessageAttributeValue> wire) {
    Map<String, SnsMessageAttribute> attributes = new LinkedHashMap<>();
    wire.forEach(
        (name, value) -> {
          String text =
              value
                  .stringValue()
                  .or(() -> value.binaryValue().map(Base64.getEncoder()::encodeToString))
                  .orElseThrow(
                      () ->
                          SnsErrors.INVALID_PARAMETER_VALUE.exception(
                              "The message attribute '%s' must contain non-empty message attribute"
                                  + " value for message attribute type '%s'.",
                              name, value.dataType()));
          attributes.put(name, new SnsMessageAttribute(value.dataType(), text));
        });
    return attributes;
  }

  private static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach(tag -> out.put(tag.key(), tag.value().orElse("")));
    return out;
  }

  /** A required value that is present but empty is refused as if it were absent. */
  private static String required(String value, String name) {
    if (value.isEmpty()) {
      throw invalid(name + " Reason: no value for required parameter");
    }
    return value;
  }

  private static String topicArn(String value, String name) {
    return checkArn(required(value, name), name);
  }

  private static String checkArn(String arn, String name) {
    if (Arn.parse(arn).filter(a -> a.service().equals("sns")).isEmpty()) {
      throw invalid(name);
    }
    return arn;
  }

  /** The first index of a page: {@code NextToken} is the index a previous page ended at. */
  private static int start(Optional<String> nextToken) {
    try {
      return Math.max(0, Integer.parseInt(nextToken.orElse("0")));
    } catch (NumberFormatException e) {
      throw invalid("NextToken");
    }
  }

  private static Optional<String> next(int start, int size) {
    return start + PAGE < size ? Optional.of(Integer.toString(start + PAGE)) : Optional.empty();
  }
}
