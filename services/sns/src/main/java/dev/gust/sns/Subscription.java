package dev.gust.sns;

import java.util.Map;
import java.util.Optional;

/**
 * A subscription of an endpoint to an SNS topic.
 *
 * @param protocol {@code lambda}, {@code sqs}, {@code http} or {@code https}
 * @param endpoint a function or queue ARN, or a URL
 * @param confirmed whether it receives messages; HTTP endpoints confirm with the token sent to them
 * @param token the confirmation token of an unconfirmed subscription
 * @param attributes {@code FilterPolicy}, {@code FilterPolicyScope}, {@code RawMessageDelivery},
 *     {@code RedrivePolicy}, {@code DeliveryPolicy}...
 */
record Subscription(
    String arn,
    String topicArn,
    String protocol,
    String endpoint,
    boolean confirmed,
    Optional<String> token,
    Map<String, String> attributes) {

  Subscription {
    attributes = Map.copyOf(attributes);
  }

  boolean raw() {
    return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
  }

  boolean http() {
    return protocol.equals("http") || protocol.equals("https");
  }

  Subscription confirm() {
    return new Subscription(arn, topicArn, protocol, endpoint, true, Optional.empty(), attributes);
  }

  Subscription withAttributes(Map<String, String> next) {
    return new Subscription(arn, topicArn, protocol, endpoint, confirmed, token, next);
  }
}
