package dev.gust.sqs;

import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SQS's errors and their reply on the JSON protocol. Each error has a shape name, carried in the
 * body's {@code __type} (the SDKs pick the exception class from it, such as {@code
 * QueueDoesNotExistException} for {@code com.amazonaws.sqs#QueueDoesNotExist}), and the code of the
 * older query protocol, carried with the fault in the {@code x-amzn-query-error} header (the SDKs
 * report it as the error code, such as {@code AWS.SimpleQueueService.NonExistentQueue}). The shape
 * name is the {@link ErrorType#code()}; this class knows the query code of each.
 */
final class SqsErrors {

  private SqsErrors() {}

  /** Errors of SQS's API model; all travel with status 400. */
  static final ErrorType QUEUE_DOES_NOT_EXIST = modeled("QueueDoesNotExist");

  static final ErrorType QUEUE_NAME_EXISTS = modeled("QueueNameExists");
  static final ErrorType INVALID_ATTRIBUTE_NAME = modeled("InvalidAttributeName");
  static final ErrorType INVALID_ATTRIBUTE_VALUE = modeled("InvalidAttributeValue");
  static final ErrorType INVALID_MESSAGE_CONTENTS = modeled("InvalidMessageContents");
  static final ErrorType RECEIPT_HANDLE_IS_INVALID = modeled("ReceiptHandleIsInvalid");
  static final ErrorType MESSAGE_NOT_INFLIGHT = modeled("MessageNotInflight");
  static final ErrorType PURGE_QUEUE_IN_PROGRESS = modeled("PurgeQueueInProgress");
  static final ErrorType TOO_MANY_ENTRIES = modeled("TooManyEntriesInBatchRequest");
  static final ErrorType EMPTY_BATCH = modeled("EmptyBatchRequest");
  static final ErrorType BATCH_IDS_NOT_DISTINCT = modeled("BatchEntryIdsNotDistinct");
  static final ErrorType BATCH_TOO_LONG = modeled("BatchRequestTooLong");
  static final ErrorType INVALID_BATCH_ENTRY_ID = modeled("InvalidBatchEntryId");
  static final ErrorType UNSUPPORTED_OPERATION = modeled("UnsupportedOperation");
  static final ErrorType INVALID_ADDRESS = modeled("InvalidAddress");
  static final ErrorType OVER_LIMIT = modeled("OverLimit");
  static final ErrorType QUEUE_DELETED_RECENTLY = modeled("QueueDeletedRecently");

  /** Common errors outside the model: the SDKs raise a plain {@code SqsException} for them. */
  static final ErrorType INVALID_PARAMETER_VALUE = ErrorType.user("InvalidParameterValue", 400);

  static final ErrorType MISSING_PARAMETER = ErrorType.user("MissingParameter", 400);
  static final ErrorType INVALID_ACTION = ErrorType.user("InvalidAction", 400);
  static final ErrorType SERIALIZATION = ErrorType.user("SerializationException", 400);
  static final ErrorType INTERNAL = ErrorType.service("InternalFailure", 500);

  /** The query-protocol codes of the modeled errors whose code differs from the shape name. */
  private static final Map<String, String> QUERY_CODES =
      Map.ofEntries(
          Map.entry("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"),
          Map.entry("QueueNameExists", "QueueAlreadyExists"),
          Map.entry("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently"),
          Map.entry("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight"),
          Map.entry("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress"),
          Map.entry(
              "TooManyEntriesInBatchRequest",
              "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"),
          Map.entry("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest"),
          Map.entry("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"),
          Map.entry("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong"),
          Map.entry("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId"),
          Map.entry("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation"));

  private static final java.util.Set<String> MODELED =
      java.util.Set.of(
          "QueueDoesNotExist",
          "QueueNameExists",
          "InvalidAttributeName",
          "InvalidAttributeValue",
          "InvalidMessageContents",
          "ReceiptHandleIsInvalid",
          "MessageNotInflight",
          "PurgeQueueInProgress",
          "TooManyEntriesInBatchRequest",
          "EmptyBatchRequest",
          "BatchEntryIdsNotDistinct",
          "BatchRequestTooLong",
          "InvalidBatchEntryId",
          "UnsupportedOperation",
          "InvalidAddress",
          "OverLimit",
          "QueueDeletedRecently");

  private static ErrorType modeled(String shape) {
    return ErrorType.user(shape, 400);
  }

  /** The code a client of the query protocol (and the SDKs' error code) sees for this error. */
  static String queryCode(ErrorType type) {
    return QUERY_CODES.getOrDefault(type.code(), type.code());
  }

  /** The body's {@code __type}: the model's shape id, or the generic service's for the rest. */
  static String shapeId(ErrorType type) {
    if (MODELED.contains(type.code())) {
      return "com.amazonaws.sqs#" + type.code();
    }
    return "com.amazon.coral.service#" + type.code() + "Exception";
  }

  static AwsException queueDoesNotExist() {
    return QUEUE_DOES_NOT_EXIST.exception("The specified queue does not exist.");
  }

  static AwsException invalidParameter(String name, Object value, String reason) {
    return INVALID_PARAMETER_VALUE.exception(
        "Value %s for parameter %s is invalid. Reason: %s", value, name, reason);
  }

  static AwsException missing(String parameter) {
    return MISSING_PARAMETER.exception("The request must contain the parameter %s.", parameter);
  }

  /** The reply to a failed SQS request, as AWS writes it on the JSON protocol. */
  static HttpResponse reply(AwsException error) {
    ErrorType type = error.type();
    Map<String, String> body = new LinkedHashMap<>();
    body.put("__type", shapeId(type));
    body.put("message", error.getMessage());
    String fault = type.fault() == ErrorType.Fault.USER ? "Sender" : "Receiver";
    return HttpResponse.of(
            type.status(), "application/x-amz-json-1.0", Json.pascalCase().write(body))
        .withHeader("x-amzn-query-error", queryCode(type) + ";" + fault);
  }
}
