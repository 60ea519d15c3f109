package dev.gust.wire;

import dev.gust.core.ErrorType;

/** Error types every AWS service shares. */
public final class CommonErrors {

  private CommonErrors() {}

  public static final ErrorType UNKNOWN_OPERATION =
      ErrorType.user("UnknownOperationException", 404);
  public static final ErrorType REQUEST_TOO_LARGE =
      ErrorType.user("RequestEntityTooLargeException", 413);
  public static final ErrorType SERVICE = ErrorType.service("ServiceException", 500);
}
