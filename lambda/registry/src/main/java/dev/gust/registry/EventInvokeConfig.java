package dev.gust.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How Lambda handles asynchronous invocations of one version or alias of a function ({@code
 * FunctionEventInvokeConfig}): how often to retry a failed event, how old an event may get before
 * it is discarded, and where to send a record of each outcome. A setting that is absent takes
 * Lambda's default (two retries, six hours).
 *
 * @param functionArn the qualified ARN of what the configuration is on, such as {@code
 *     ...:function:orders:$LATEST}, {@code ...:function:orders:3} or {@code
 *     ...:function:orders:live}
 * @param maximumRetryAttempts retries after a function error, 0 to 2
 * @param maximumEventAgeInSeconds the longest an event may wait to be processed, 60 to 21600
 * @param onSuccess the ARN of the queue, topic, function or event bus that receives a record of
 *     each successful invocation
 * @param onFailure the ARN of the destination of events that failed all processing attempts
 * @param lastModified when a client last put or updated the configuration, to the millisecond
 */
public record EventInvokeConfig(
    String functionArn,
    OptionalInt maximumRetryAttempts,
    OptionalInt maximumEventAgeInSeconds,
    Optional<String> onSuccess,
    Optional<String> onFailure,
    Instant lastModified) {

  /** Lambda's retries of a failed asynchronous invocation when none is configured. */
  public static final int DEFAULT_RETRY_ATTEMPTS = 2;

  /** Lambda's longest wait of an asynchronous event when none is configured: six hours. */
  public static final int DEFAULT_EVENT_AGE_SECONDS = 21_600;

  public EventInvokeConfig {
    Objects.requireNonNull(functionArn);
    Objects.requireNonNull(maximumRetryAttempts);
    Objects.requireNonNull(maximumEventAgeInSeconds);
    Objects.requireNonNull(onSuccess);
    Objects.requireNonNull(onFailure);
    Objects.requireNonNull(lastModified);
  }

  /** The version number, alias name or {@code $LATEST} the configuration is on. */
  String qualifier() {
    return functionArn.substring(functionArn.lastIndexOf(':') + 1);
  }
}
