package dev.gust.eventbridge;

import java.util.Map;
import java.util.Optional;

/**
 * A target of an EventBridge rule: where matching events go and in what form.
 *
 * @param id the target's id within its rule
 * @param arn the resource events are delivered to, through {@link dev.gust.delivery.Delivery}
 * @param input a constant JSON text sent instead of the event
 * @param inputPath a JSON path selecting the part of the event to send
 * @param transformer variables taken from the event and a template to put them in
 * @param maxRetries retries after the first attempt ({@code MaximumRetryAttempts}, 0-185)
 * @param maxAgeSeconds how long an event may wait for delivery ({@code MaximumEventAgeInSeconds})
 * @param deadLetterArn the queue that receives events whose delivery gave up
 * @param roleArn stored and returned, not enforced
 */
record RuleTarget(
    String id,
    String arn,
    Optional<String> input,
    Optional<String> inputPath,
    Optional<Transformer> transformer,
    Optional<Integer> maxRetries,
    Optional<Integer> maxAgeSeconds,
    Optional<String> deadLetterArn,
    Optional<String> roleArn) {

  /** AWS's defaults: 185 retries within 24 hours. */
  static final int DEFAULT_MAX_RETRIES = 185;

  static final int DEFAULT_MAX_AGE_SECONDS = 86_400;

  /** An {@code InputTransformer}: {@code InputPathsMap} and {@code InputTemplate}. */
  record Transformer(Map<String, String> inputPathsMap, String inputTemplate) {

    Transformer {
      inputPathsMap = Map.copyOf(inputPathsMap);
    }
  }
}
