package dev.gust.sqs;

import java.util.Map;
import java.util.TreeMap;

/**
 * Cost-allocation tags of a queue, within AWS's limits: 50 per queue, keys up to 128 characters.
 */
final class QueueTags {

  static final int MAX_TAGS = 50;

  private QueueTags() {}

  /** Checks {@code added} and that the queue, with its {@code existing} tags, stays in limits. */
  static void check(Map<String, String> added, Map<String, String> existing) {
    for (Map.Entry<String, String> tag : added.entrySet()) {
      String key = tag.getKey();
      if (key.isEmpty() || key.length() > 128) {
        throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
            "Tag keys must be between 1 and 128 characters in length.");
      }
      if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
            "Tag keys must not start with the reserved prefix aws:.");
      }
      if (tag.getValue() == null || tag.getValue().length() > 256) {
        throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
            "Tag values must be between 0 and 256 characters in length.");
      }
    }
    Map<String, String> all = new TreeMap<>(existing);
    all.putAll(added);
    if (all.size() > MAX_TAGS) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "Too many tags added for queue. A queue can have at most %d tags.", MAX_TAGS);
    }
  }
}
