package dev.gust.registry;

import java.time.Instant;
import java.util.Optional;

/**
 * One version of a function: {@code $LATEST}, which changes, or a published version, which never
 * does. A published version's lifecycle is always {@link Lifecycle#ACTIVE}.
 *
 * @param failureReason why the last preparation failed, while the lifecycle says so
 */
public record FunctionVersion(
    String functionName,
    String version,
    FunctionConfig config,
    CodeArtifact code,
    Instant lastModified,
    String revisionId,
    Lifecycle lifecycle,
    Optional<String> failureReason) {

  public static final String LATEST = "$LATEST";

  /**
   * Where asynchronous events this version failed to process go ({@code DeadLetterConfig}): the ARN
   * of an SQS queue or SNS topic, if one is set.
   */
  public Optional<String> deadLetterTargetArn() {
    return config.deadLetterTargetArn();
  }

  public boolean isLatest() {
    return version.equals(LATEST);
  }

  FunctionVersion with(Lifecycle next, Optional<String> reason) {
    return new FunctionVersion(
        functionName, version, config, code, lastModified, revisionId, next, reason);
  }
}
