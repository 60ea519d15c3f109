package dev.gust.sns;

import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;

/** The error codes of the SNS API, with the statuses AWS sends them with. */
final class SnsErrors {

  private SnsErrors() {}

  static final ErrorType NOT_FOUND = ErrorType.user("NotFound", 404);
  static final ErrorType INVALID_PARAMETER = ErrorType.user("InvalidParameter", 400);
  static final ErrorType INVALID_PARAMETER_VALUE = ErrorType.user("InvalidParameterValue", 400);
  static final ErrorType TOO_MANY_ENTRIES = ErrorType.user("TooManyEntriesInBatchRequest", 400);
  static final ErrorType EMPTY_BATCH = ErrorType.user("EmptyBatchRequest", 400);
  static final ErrorType IDS_NOT_DISTINCT = ErrorType.user("BatchEntryIdsNotDistinct", 400);
  static final ErrorType INVALID_BATCH_ID = ErrorType.user("InvalidBatchEntryId", 400);
  static final ErrorType BATCH_TOO_LONG = ErrorType.user("BatchRequestTooLong", 400);

  /** The query protocol's answer to an action the service does not serve. */
  static final ErrorType INVALID_ACTION = ErrorType.user("InvalidAction", 400);

  /** {@code InvalidParameter} with AWS's {@code "Invalid parameter: "} prefix. */
  static AwsException invalid(String what) {
    return INVALID_PARAMETER.exception("Invalid parameter: " + what);
  }
}
