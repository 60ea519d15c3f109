package dev.gust.sqs;

import dev.gust.sqs.SqsModel.MessageAttributeValue;
import dev.gust.wire.Member;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replies of SQS's operations ({@link dev.gust.wire.Empty} for those without members). Absent
 * members and empty collections are left out, except the two lists of a batch result, which AWS
 * always sends; in XML, lists and maps are flattened as SQS's query protocol writes them ({@code
 * <QueueUrl>} repeated, {@code <Attribute><Name>..</Name><Value>..</Value></Attribute>}).
 */
final class SqsReplyModel {

  private SqsReplyModel() {}

  record CreateQueueResult(String queueUrl) {}

  record GetQueueUrlResult(String queueUrl) {}

  record ListQueuesResult(
      @Member.Form(value = "QueueUrl", flat = true) List<String> queueUrls,
      Optional<String> nextToken) {}

  record ListDeadLetterSourceQueuesResult(
      @Member.Name("queueUrls") @Member.Form(value = "QueueUrl", flat = true)
          List<String> queueUrls,
      Optional<String> nextToken) {}

  record GetQueueAttributesResult(
      @Member.Form(value = "Attribute", flat = true, key = "Name", entryValue = "Value")
          Map<String, String> attributes) {}

  record ListQueueTagsResult(
      @Member.Form(value = "Tag", flat = true, key = "Key", entryValue = "Value")
          Map<String, String> tags) {}

  record SendMessageResult(
      String messageId,
      @Member.Name("MD5OfMessageBody") String md5OfMessageBody,
      @Member.Name("MD5OfMessageAttributes") Optional<String> md5OfMessageAttributes,
      @Member.Name("MD5OfMessageSystemAttributes") Optional<String> md5OfMessageSystemAttributes,
      Optional<String> sequenceNumber) {}

  record SendMessageBatchResultEntry(
      String id,
      String messageId,
      @Member.Name("MD5OfMessageBody") String md5OfMessageBody,
      @Member.Name("MD5OfMessageAttributes") Optional<String> md5OfMessageAttributes,
      @Member.Name("MD5OfMessageSystemAttributes") Optional<String> md5OfMessageSystemAttributes,
      Optional<String> sequenceNumber) {}

  /** The failure of one batch entry: SQS's query-protocol error code and who is at fault. */
  record BatchResultErrorEntry(String id, boolean senderFault, String code, String message) {}

  /** The success of one entry of a delete or visibility batch. */
  record BatchResultEntry(String id) {}

  record SendMessageBatchResult(
      @Member.Form(value = "SendMessageBatchResultEntry", flat = true)
          Optional<List<SendMessageBatchResultEntry>> successful,
      @Member.Form(value = "BatchResultErrorEntry", flat = true)
          Optional<List<BatchResultErrorEntry>> failed) {}

  record DeleteMessageBatchResult(
      @Member.Form(value = "DeleteMessageBatchResultEntry", flat = true)
          Optional<List<BatchResultEntry>> successful,
      @Member.Form(value = "BatchResultErrorEntry", flat = true)
          Optional<List<BatchResultErrorEntry>> failed) {}

  record ChangeMessageVisibilityBatchResult(
      @Member.Form(value = "ChangeMessageVisibilityBatchResultEntry", flat = true)
          Optional<List<BatchResultEntry>> successful,
      @Member.Form(value = "BatchResultErrorEntry", flat = true)
          Optional<List<BatchResultErrorEntry>> failed) {}

  /** A received message, with the system and message attributes the receiver asked for. */
  record Message(
      String messageId,
      String receiptHandle,
      @Member.Name("MD5OfBody") String md5OfBody,
      String body,
      @Member.Form(value = "Attribute", flat = true, key = "Name", entryValue = "Value")
          Map<String, String> attributes,
      @Member.Name("MD5OfMessageAttributes") Optional<String> md5OfMessageAttributes,
      @Member.Form(value = "MessageAttribute", flat = true, key = "Name", entryValue = "Value")
          Map<String, MessageAttributeValue> messageAttributes) {}

  record ReceiveMessageResult(
      @Member.Form(value = "Message", flat = true) List<Message> messages) {}
}
