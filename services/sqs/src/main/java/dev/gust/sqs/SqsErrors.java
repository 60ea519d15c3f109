package dev.gust.sqs;

import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;

/**
 * SQS's errors, by the names of AWS's model ({@link ErrorType#code()}); {@code SqsModel} says how
 * each is named on the wire. All are the caller's fault and travel with status 400, but for the
 * internal failure of the store.
 */
final class SqsErrors {

  private SqsErrors() {}

  /** Errors of SQS's API model. */
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

  private static ErrorType modeled(String shape) {
    return ErrorType.user(shape, 400);
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
}
