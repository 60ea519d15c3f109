package dev.gust.sns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gust.patterns.SubscriptionFilter;
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
    return AttributeName.Subscription.RAW_MESSAGE_DELIVERY.isTrue(attributes);
  }

  /** The filter policy, if one is set. */
  Optional<String> filterPolicy() {
    return AttributeName.Subscription.FILTER_POLICY.in(attributes).filter(p -> !p.isBlank());
  }

  /** Whether the filter policy applies to the message body rather than its attributes. */
  boolean filtersBody() {
    return AttributeName.Subscription.FILTER_POLICY_SCOPE
        .in(attributes)
        .filter(SubscriptionFilter.SCOPE_BODY::equals)
        .isPresent();
  }

  /** The dead-letter queue of its redrive policy; empty without one, or with a malformed one. */
  Optional<String> deadLetter() {
    return AttributeName.Subscription.REDRIVE_POLICY
        .in(attributes)
        .filter(policy -> !policy.isBlank())
        .flatMap(RedrivePolicy::deadLetterTargetArn);
  }

  /** A redrive policy as SNS stores it: a JSON map naming the dead-letter queue. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record RedrivePolicy(String deadLetterTargetArn) {

    static Optional<String> deadLetterTargetArn(String policy) {
      try {
        return Optional.ofNullable(
            TopicMessages.MAPPER.readValue(policy, RedrivePolicy.class).deadLetterTargetArn());
      } catch (JsonProcessingException e) {
        return Optional.empty();
      }
    }
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
