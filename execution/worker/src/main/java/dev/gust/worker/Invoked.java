package dev.gust.worker;

import java.time.Duration;
import java.util.Optional;

/**
 * What a worker reports for one invocation.
 *
 * @param outcome how the invocation ended
 * @param log its part of the log stream ({@code START} to {@code REPORT}, at most the last 4 KB)
 *     for {@code LogType: Tail}
 * @param initDuration how long Init took, when this invocation waited for it (a cold start)
 * @param duration how long the function spent on the event, as {@code REPORT} gives it
 * @param reusable whether the environment is idle again and may serve another invocation
 */
public record Invoked(
    InvokeOutcome outcome,
    String log,
    Optional<Duration> initDuration,
    Duration duration,
    boolean reusable) {

  /** An invocation that never reached an environment. */
  static Invoked failed(InvokeOutcome outcome) {
    return new Invoked(outcome, "", Optional.empty(), Duration.ZERO, false);
  }
}
