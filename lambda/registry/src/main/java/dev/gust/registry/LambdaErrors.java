package dev.gust.registry;

import dev.gust.core.ErrorType;

/**
 * The error types of the Lambda API that the registry raises when a request breaks one of its
 * rules, with the status codes AWS sends them with.
 */
final class LambdaErrors {

  private LambdaErrors() {}

  static final ErrorType INVALID_PARAMETER = ErrorType.user("InvalidParameterValueException", 400);
  static final ErrorType NOT_FOUND = ErrorType.user("ResourceNotFoundException", 404);
  static final ErrorType CONFLICT = ErrorType.user("ResourceConflictException", 409);
  static final ErrorType PRECONDITION_FAILED = ErrorType.user("PreconditionFailedException", 412);
  static final ErrorType REQUEST_TOO_LARGE = ErrorType.user("RequestEntityTooLargeException", 413);
  static final ErrorType CODE_STORAGE_EXCEEDED =
      ErrorType.user("CodeStorageExceededException", 400);
}
