package dev.gust.eventbridge;

import dev.gust.core.ErrorType;

/** The error types of the EventBridge API, as its model names them. */
final class EventBridgeErrors {

  private EventBridgeErrors() {}

  static final ErrorType NOT_FOUND = ErrorType.user("ResourceNotFoundException", 400);
  static final ErrorType ALREADY_EXISTS = ErrorType.user("ResourceAlreadyExistsException", 400);
  static final ErrorType VALIDATION = ErrorType.user("ValidationException", 400);
  static final ErrorType INVALID_PATTERN = ErrorType.user("InvalidEventPatternException", 400);
  static final ErrorType LIMIT_EXCEEDED = ErrorType.user("LimitExceededException", 400);
  static final ErrorType SERIALIZATION = ErrorType.user("SerializationException", 400);
  static final ErrorType INTERNAL = ErrorType.service("InternalException", 500);
}
