package dev.gust.sns;

import static dev.gust.sns.SnsErrors.invalid;

import dev.gust.wire.ErrorTable;
import dev.gust.wire.Member;
import dev.gust.wire.ServiceModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SNS's wire, declared once: one record per operation of the query protocol ({@code
 * Action=...&Version=2010-03-31}), the structures they carry, and how SNS names its errors. Lists
 * travel as {@code Name.member.N}, maps as {@code Name.entry.N.key}/{@code .value} (message
 * attributes as {@code .Name}/{@code .Value}). Replies are written inside {@code <ActionResult>},
 * lists as {@code <member>} elements and maps as {@code <entry><key>..</key><value>..</value>
 * </entry>}.
 *
 * <p>A required member that is absent is SNS's {@code InvalidParameter} naming it; a value that
 * breaks a constraint of AWS's model is {@code InvalidParameter} with AWS's validation message.
 * Checks that need more than one member, or SNS's own wording, are in {@link SnsApi} and the
 * engine.
 */
final class SnsModel {

  static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

  private SnsModel() {}

  /** The operations SNS serves, and those it does not serve yet. */
  sealed interface Command {

    record CreateTopic(
        String name,
        Map<String, String> attributes,
        List<Tag> tags,
        Optional<String> dataProtectionPolicy)
        implements Command {}

    record DeleteTopic(String topicArn) implements Command {}

    record ListTopics(Optional<String> nextToken) implements Command {}

    record GetTopicAttributes(String topicArn) implements Command {}

    record SetTopicAttributes(
        String topicArn, String attributeName, Optional<String> attributeValue)
        implements Command {}

    record Subscribe(
        String topicArn,
        String protocol,
        Optional<String> endpoint,
        Map<String, String> attributes,
        Optional<Boolean> returnSubscriptionArn)
        implements Command {}

    record ConfirmSubscription(
        String topicArn, String token, Optional<String> authenticateOnUnsubscribe)
        implements Command {}

    record Unsubscribe(String subscriptionArn) implements Command {}

    record ListSubscriptions(Optional<String> nextToken) implements Command {}

    record ListSubscriptionsByTopic(String topicArn, Optional<String> nextToken)
        implements Command {}

    record GetSubscriptionAttributes(String subscriptionArn) implements Command {}

    record SetSubscriptionAttributes(
        String subscriptionArn, String attributeName, Optional<String> attributeValue)
        implements Command {}

    /** One of {@code TopicArn} and {@code TargetArn} names the topic; SMS is not served. */
    record Publish(
        Optional<String> topicArn,
        Optional<String> targetArn,
        Optional<String> phoneNumber,
        String message,
        Optional<String> subject,
        Optional<String> messageStructure,
        @Member.Form(key = "Name", entryValue = "Value")
            Map<String, MessageAttributeValue> messageAttributes,
        @Member.Length(max = 128) Optional<String> messageDeduplicationId,
        @Member.Length(max = 128) Optional<String> messageGroupId)
        implements Command {}

    record PublishBatch(String topicArn, List<PublishBatchRequestEntry> publishBatchRequestEntries)
        implements Command {}

    record TagResource(@Member.Length(min = 1, max = 1011) String resourceArn, List<Tag> tags)
        implements Command {}

    record UntagResource(
        @Member.Length(min = 1, max = 1011) String resourceArn, List<String> tagKeys)
        implements Command {}

    record ListTagsForResource(@Member.Length(min = 1, max = 1011) String resourceArn)
        implements Command {}

    record AddPermission(
        String topicArn,
        String label,
        @Member.Name("AWSAccountId") List<String> accountIds,
        @Member.Name("ActionName") List<String> actionNames)
        implements Command {}

    record RemovePermission(String topicArn, String label) implements Command {}

    /** An operation of AWS's SNS that Gust does not serve yet. */
    record Unsupported(String operation) implements Command {}
  }

  /** A topic's tag; a tag without a value has the empty value. */
  record Tag(
      @Member.Length(min = 1, max = 128) String key,
      @Member.Length(max = 256) Optional<String> value) {}

  /** A message attribute: its type and a string or a binary value. */
  record MessageAttributeValue(
      String dataType, Optional<String> stringValue, Optional<byte[]> binaryValue) {}

  /** One message of a PublishBatch. */
  record PublishBatchRequestEntry(
      String id,
      String message,
      Optional<String> subject,
      Optional<String> messageStructure,
      @Member.Form(key = "Name", entryValue = "Value")
          Map<String, MessageAttributeValue> messageAttributes,
      @Member.Length(max = 128) Optional<String> messageDeduplicationId,
      @Member.Length(max = 128) Optional<String> messageGroupId) {}

  // ---- replies: written inside <ActionResult>; lists and maps SNS writes even when empty are
  // Optional.of(...); operations without a result answer Empty.

  record CreateTopicResult(String topicArn) {}

  record TopicMember(String topicArn) {}

  record ListTopicsResult(Optional<List<TopicMember>> topics, Optional<String> nextToken) {}

  /** The attributes of a topic or a subscription. */
  record AttributesResult(Optional<Map<String, String>> attributes) {}

  /** Subscribe and ConfirmSubscription. */
  record SubscriptionArnResult(String subscriptionArn) {}

  record SubscriptionMember(
      String topicArn, String protocol, String subscriptionArn, String owner, String endpoint) {}

  /** ListSubscriptions and ListSubscriptionsByTopic. */
  record ListSubscriptionsResult(
      Optional<List<SubscriptionMember>> subscriptions, Optional<String> nextToken) {}

  record PublishResult(String messageId, Optional<String> sequenceNumber) {}

  record PublishBatchResultEntry(String id, String messageId, Optional<String> sequenceNumber) {}

  record BatchResultErrorEntry(String id, String code, String message, boolean senderFault) {}

  record PublishBatchResult(
      Optional<List<PublishBatchResultEntry>> successful,
      Optional<List<BatchResultErrorEntry>> failed) {}

  record ListTagsForResourceResult(Optional<List<Tag>> tags) {}

  /** The empty result element of TagResource and UntagResource, whose model has an output. */
  record NoMembers() {}

  /** SNS's operations on the query protocol. */
  static final ServiceModel<Command> MODEL =
      ServiceModel.builder("sns", Command.class)
          .query(NAMESPACE)
          .errors(ErrorTable.plain())
          .validationError(SnsErrors.INVALID_PARAMETER)
          .serializationError(SnsErrors.INVALID_PARAMETER_VALUE)
          .onMissing(member -> invalid(member + " Reason: no value for required parameter"))
          .unsupported(
              Command.Unsupported::new,
              "CheckIfPhoneNumberIsOptedOut",
              "CreatePlatformApplication",
              "CreatePlatformEndpoint",
              "CreateSMSSandboxPhoneNumber",
              "DeleteEndpoint",
              "DeletePlatformApplication",
              "DeleteSMSSandboxPhoneNumber",
              "GetDataProtectionPolicy",
              "GetEndpointAttributes",
              "GetPlatformApplicationAttributes",
              "GetSMSAttributes",
              "GetSMSSandboxAccountStatus",
              "ListEndpointsByPlatformApplication",
              "ListOriginationNumbers",
              "ListPhoneNumbersOptedOut",
              "ListPlatformApplications",
              "ListSMSSandboxPhoneNumbers",
              "OptInPhoneNumber",
              "PutDataProtectionPolicy",
              "SetEndpointAttributes",
              "SetPlatformApplicationAttributes",
              "SetSMSAttributes",
              "VerifySMSSandboxPhoneNumber")
          .build();
}
