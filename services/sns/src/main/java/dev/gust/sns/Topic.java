package dev.gust.sns;

import java.util.Map;

/**
 * An SNS topic.
 *
 * @param attributes the attributes set on it ({@code DisplayName}, {@code Policy}, {@code
 *     FifoTopic}, {@code ContentBasedDeduplication}...), not the computed ones
 */
record Topic(String arn, String name, Map<String, String> attributes, Map<String, String> tags) {

  Topic {
    attributes = Map.copyOf(attributes);
    tags = Map.copyOf(tags);
  }

  boolean fifo() {
    return AttributeName.Topic.FIFO_TOPIC.isTrue(attributes);
  }

  boolean contentBasedDeduplication() {
    return AttributeName.Topic.CONTENT_BASED_DEDUPLICATION.isTrue(attributes);
  }
}
