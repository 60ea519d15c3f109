package dev.gust.lambdaapi;

import dev.gust.core.ErrorType;

/**
 * The error types of Lambda's invoke-side operations (Invoke, provisioned concurrency, event invoke
 * configs), with the status codes AWS sends them with: for requests the model cannot read, for what
 * the registry does not hold, and for the invoke path's refusals. (The registry raises its own for
 * the rules it checks; constraint violations are {@link dev.gust.core.Violations#VALIDATION}.)
 */
final class InvokeErrors {

  private InvokeErrors() {}

  static final ErrorType INVALID_PARAMETER = ErrorType.user("InvalidParameterValueException", 400);
  static final ErrorType INVALID_REQUEST_CONTENT =
      ErrorType.user("InvalidRequestContentException", 400);
  static final ErrorType NOT_FOUND = ErrorType.user("ResourceNotFoundException", 404);
  static final ErrorType PROVISIONED_NOT_FOUND =
      ErrorType.user("ProvisionedConcurrencyConfigNotFoundException", 404);
  static final ErrorType CONFLICT = ErrorType.user("ResourceConflictException", 409);
  static final ErrorType TOO_MANY_REQUESTS = ErrorType.user("TooManyRequestsException", 429);
}
