package dev.gust.sqs;

import dev.gust.wire.ErrorTable;
import dev.gust.wire.Member;
import dev.gust.wire.ServiceModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQS's wire, declared once: every operation as a command record, the structures its requests
 * carry, and how SQS names its errors. The same declarations serve the JSON 1.0 protocol ({@code
 * X-Amz-Target: AmazonSQS.<Operation>}, what current SDKs speak) and the query protocol (form
 * parameters with XML replies, what older SDKs and CLIs speak), whose flattened names ({@code
 * Attribute.1.Name}, {@code SendMessageBatchRequestEntry.1.Id}) the {@link Member.Form}
 * declarations give. Replies are in {@link SqsReplyModel}.
 *
 * <p>A member AWS's model requires is required here too, so that its absence is SQS's {@code
 * MissingParameter}; a few stay optional where SQS reports the absence itself, inside a batch entry
 * or with its own message (a message attribute's {@code DataType}).
 */
final class SqsModel {

  private SqsModel() {}

  /** Requests up to 8 MiB: a batch of ten messages of the largest size, JSON-escaped. */
  static final long MAX_REQUEST = 8L * 1024 * 1024;

  static final String XML_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

  /** A message attribute, as sent and as received: a string or number, or binary data. */
  record MessageAttributeValue(
      Optional<String> stringValue,
      Optional<byte[]> binaryValue,
      @Member.Form(value = "StringListValue", flat = true) List<String> stringListValues,
      @Member.Form(value = "BinaryListValue", flat = true) List<byte[]> binaryListValues,
      Optional<String> dataType) {}

  /** One message of a SendMessageBatch; its failures are reported in the entry's result. */
  record SendMessageBatchRequestEntry(
      String id,
      Optional<String> messageBody,
      Optional<Integer> delaySeconds,
      @Member.Form(value = "MessageAttribute", flat = true, key = "Name", entryValue = "Value")
          Map<String, MessageAttributeValue> messageAttributes,
      @Member.Form(
              value = "MessageSystemAttribute",
              flat = true,
              key = "Name",
              entryValue = "Value")
          Map<String, MessageAttributeValue> messageSystemAttributes,
      Optional<String> messageDeduplicationId,
      Optional<String> messageGroupId) {}

  record DeleteMessageBatchRequestEntry(String id, Optional<String> receiptHandle) {}

  record ChangeMessageVisibilityBatchRequestEntry(
      String id, Optional<String> receiptHandle, Optional<Integer> visibilityTimeout) {}

  /** Every SQS operation; {@link Unsupported} stands for those Gust does not serve yet. */
  sealed interface Command {

    record CreateQueue(
        String queueName,
        @Member.Form(value = "Attribute", flat = true, key = "Name", entryValue = "Value")
            Map<String, String> attributes,
        @Member.Name("tags")
            @Member.Form(value = "Tag", flat = true, key = "Key", entryValue = "Value")
            Map<String, String> tags)
        implements Command {}

    record GetQueueUrl(
        String queueName,
        @Member.Name("QueueOwnerAWSAccountId") Optional<String> queueOwnerAwsAccountId)
        implements Command {}

    record ListQueues(
        Optional<String> queueNamePrefix, Optional<String> nextToken, Optional<Integer> maxResults)
        implements Command {}

    record DeleteQueue(String queueUrl) implements Command {}

    record GetQueueAttributes(
        String queueUrl,
        @Member.Form(value = "AttributeName", flat = true) List<String> attributeNames)
        implements Command {}

    record SetQueueAttributes(
        String queueUrl,
        @Member.Form(value = "Attribute", flat = true, key = "Name", entryValue = "Value")
            Map<String, String> attributes)
        implements Command {}

    record PurgeQueue(String queueUrl) implements Command {}

    record TagQueue(
        String queueUrl,
        @Member.Form(value = "Tag", flat = true, key = "Key", entryValue = "Value")
            Map<String, String> tags)
        implements Command {}

    record UntagQueue(
        String queueUrl, @Member.Form(value = "TagKey", flat = true) List<String> tagKeys)
        implements Command {}

    record ListQueueTags(String queueUrl) implements Command {}

    record AddPermission(
        String queueUrl,
        String label,
        @Member.Name("AWSAccountIds") @Member.Form(value = "AWSAccountId", flat = true)
            List<String> awsAccountIds,
        @Member.Form(value = "ActionName", flat = true) List<String> actions)
        implements Command {}

    record RemovePermission(String queueUrl, String label) implements Command {}

    record ListDeadLetterSourceQueues(
        String queueUrl, Optional<String> nextToken, Optional<Integer> maxResults)
        implements Command {}

    record SendMessage(
        String queueUrl,
        String messageBody,
        Optional<Integer> delaySeconds,
        @Member.Form(value = "MessageAttribute", flat = true, key = "Name", entryValue = "Value")
            Map<String, MessageAttributeValue> messageAttributes,
        @Member.Form(
                value = "MessageSystemAttribute",
                flat = true,
                key = "Name",
                entryValue = "Value")
            Map<String, MessageAttributeValue> messageSystemAttributes,
        Optional<String> messageDeduplicationId,
        Optional<String> messageGroupId)
        implements Command {}

    record SendMessageBatch(
        String queueUrl,
        @Member.Form(value = "SendMessageBatchRequestEntry", flat = true)
            List<SendMessageBatchRequestEntry> entries)
        implements Command {}

    /**
     * A receive. {@code ReceiveRequestAttemptId} is checked as AWS documents it (1 to 128
     * alphanumeric and punctuation characters) but not used: receives are not deduplicated.
     */
    record ReceiveMessage(
        String queueUrl,
        @Member.Form(value = "AttributeName", flat = true) List<String> attributeNames,
        @Member.Form(value = "MessageSystemAttributeName", flat = true)
            List<String> messageSystemAttributeNames,
        @Member.Form(value = "MessageAttributeName", flat = true)
            List<String> messageAttributeNames,
        Optional<Integer> maxNumberOfMessages,
        Optional<Integer> visibilityTimeout,
        Optional<Integer> waitTimeSeconds,
        @Member.Length(min = 1, max = 128) @Member.Pattern("[\\p{Alnum}\\p{Punct}]*")
            Optional<String> receiveRequestAttemptId)
        implements Command {}

    record DeleteMessage(String queueUrl, String receiptHandle) implements Command {}

    record DeleteMessageBatch(
        String queueUrl,
        @Member.Form(value = "DeleteMessageBatchRequestEntry", flat = true)
            List<DeleteMessageBatchRequestEntry> entries)
        implements Command {}

    record ChangeMessageVisibility(String queueUrl, String receiptHandle, int visibilityTimeout)
        implements Command {}

    record ChangeMessageVisibilityBatch(
        String queueUrl,
        @Member.Form(value = "ChangeMessageVisibilityBatchRequestEntry", flat = true)
            List<ChangeMessageVisibilityBatchRequestEntry> entries)
        implements Command {}

    /** An operation of AWS's SQS that Gust does not serve yet. */
    record Unsupported(String operation) implements Command {}
  }

  /**
   * SQS's error names: the modeled errors' shape ids ({@code com.amazonaws.sqs#QueueDoesNotExist},
   * from which the SDKs pick an exception class) and the codes of the query protocol, which the
   * JSON protocol also sends in {@code x-amzn-query-error} and the SDKs report as the error code.
   * Errors outside the model are named as AWS's generic service framework names them.
   */
  static final ErrorTable ERRORS =
      ErrorTable.namespaced(
              "com.amazonaws.sqs",
              code ->
                  "com.amazon.coral.service#"
                      + (code.endsWith("Exception") ? code : code + "Exception"))
          .modeled(SqsErrors.QUEUE_DOES_NOT_EXIST, "AWS.SimpleQueueService.NonExistentQueue")
          .modeled(SqsErrors.QUEUE_NAME_EXISTS, "QueueAlreadyExists")
          .modeled(SqsErrors.INVALID_ATTRIBUTE_NAME)
          .modeled(SqsErrors.INVALID_ATTRIBUTE_VALUE)
          .modeled(SqsErrors.INVALID_MESSAGE_CONTENTS)
          .modeled(SqsErrors.RECEIPT_HANDLE_IS_INVALID)
          .modeled(SqsErrors.MESSAGE_NOT_INFLIGHT, "AWS.SimpleQueueService.MessageNotInflight")
          .modeled(SqsErrors.PURGE_QUEUE_IN_PROGRESS, "AWS.SimpleQueueService.PurgeQueueInProgress")
          .modeled(
              SqsErrors.TOO_MANY_ENTRIES, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest")
          .modeled(SqsErrors.EMPTY_BATCH, "AWS.SimpleQueueService.EmptyBatchRequest")
          .modeled(
              SqsErrors.BATCH_IDS_NOT_DISTINCT, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct")
          .modeled(SqsErrors.BATCH_TOO_LONG, "AWS.SimpleQueueService.BatchRequestTooLong")
          .modeled(SqsErrors.INVALID_BATCH_ENTRY_ID, "AWS.SimpleQueueService.InvalidBatchEntryId")
          .modeled(SqsErrors.UNSUPPORTED_OPERATION, "AWS.SimpleQueueService.UnsupportedOperation")
          .modeled(SqsErrors.INVALID_ADDRESS)
          .modeled(SqsErrors.OVER_LIMIT)
          .modeled(SqsErrors.QUEUE_DELETED_RECENTLY, "AWS.SimpleQueueService.QueueDeletedRecently")
          .queryCompatible();

  /** The model: both protocols, SQS's errors, and the operations not served yet. */
  static final ServiceModel<Command> MODEL =
      ServiceModel.builder("sqs", Command.class)
          .json("AmazonSQS", "application/x-amz-json-1.0")
          .query(XML_NAMESPACE)
          .maxBody(MAX_REQUEST)
          .errors(ERRORS)
          .serializationError(SqsErrors.SERIALIZATION)
          .validationError(SqsErrors.INVALID_PARAMETER_VALUE)
          .onMissing(SqsErrors::missing)
          .unknownOperation(
              operation ->
                  SqsErrors.INVALID_ACTION.exception(
                      "The action %s is not valid for this endpoint.", operation))
          .unsupported(
              Command.Unsupported::new,
              "CancelMessageMoveTask",
              "ListMessageMoveTasks",
              "StartMessageMoveTask")
          .build();
}
