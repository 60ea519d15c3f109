package dev.gust.invoke;

/**
 * Why the counting service refused an invocation, one constant per {@code Reason} Lambda gives its
 * 429 {@code TooManyRequestsException} for a concurrency limit.
 */
public enum ThrottleReason {

  /** The function's reserved concurrency is all in use, or is 0. */
  RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED,

  /** The account's unreserved pool is all in use. */
  CONCURRENT_INVOCATION_LIMIT_EXCEEDED
}
