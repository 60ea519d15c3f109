package dev.gust.runtimes;

import java.util.Optional;

/**
 * One event handed to a runtime through {@code /runtime/invocation/next}, with the values of the
 * {@code Lambda-Runtime-*} headers that accompany it.
 */
public record Invocation(
    String requestId,
    byte[] payload,
    long deadlineEpochMillis,
    String invokedFunctionArn,
    Optional<String> traceId,
    Optional<String> clientContext,
    Optional<String> cognitoIdentity) {}
