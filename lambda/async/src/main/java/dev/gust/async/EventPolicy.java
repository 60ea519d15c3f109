package dev.gust.async;

import dev.gust.core.Scope;
import java.time.Duration;
import java.util.Optional;

/**
 * How the asynchronous path treats the events of one function version or alias: Lambda's {@code
 * FunctionEventInvokeConfig}, with AWS's defaults where it says nothing.
 *
 * @param maximumRetryAttempts retries after a function error, 0 to 2
 * @param maximumEventAge how long an event may wait for a successful attempt, 60 s to 6 h
 * @param onSuccess where the record of a successful invocation goes, by ARN
 * @param onFailure where the record of a failed or expired event goes, by ARN
 */
public record EventPolicy(
    int maximumRetryAttempts,
    Duration maximumEventAge,
    Optional<String> onSuccess,
    Optional<String> onFailure) {

  /** Lambda's defaults: two retries, six hours, no destinations. */
  public static EventPolicy defaults() {
    return new EventPolicy(2, Duration.ofHours(6), Optional.empty(), Optional.empty());
  }

  /** Finds the policy of the version or alias an event was invoked with. */
  @FunctionalInterface
  public interface Source {

    /**
     * @param qualifier {@code $LATEST}, a version number or an alias name
     */
    EventPolicy find(Scope scope, String functionName, String qualifier);
  }
}
