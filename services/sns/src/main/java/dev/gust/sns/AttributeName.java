package dev.gust.sns;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes SNS takes on topics and subscriptions, declared once by their AWS names: the names
 * a request may set, and how the engine reads a stored attribute map.
 */
interface AttributeName {

  /** The attribute's name on the wire, such as {@code FifoTopic}. */
  String wireName();

  /** This attribute's value in {@code attributes}, if set. */
  default Optional<String> in(Map<String, String> attributes) {
    return Optional.ofNullable(attributes.get(wireName()));
  }

  /** Whether this boolean attribute is set to {@code true} (in any case) in {@code attributes}. */
  default boolean isTrue(Map<String, String> attributes) {
    return in(attributes).filter("true"::equalsIgnoreCase).isPresent();
  }

  /** The attributes a topic takes on CreateTopic and SetTopicAttributes. */
  enum Topic implements AttributeName {
    DISPLAY_NAME("DisplayName"),
    POLICY("Policy"),
    DELIVERY_POLICY("DeliveryPolicy"),
    KMS_MASTER_KEY_ID("KmsMasterKeyId"),
    TRACING_CONFIG("TracingConfig"),
    SIGNATURE_VERSION("SignatureVersion"),
    CONTENT_BASED_DEDUPLICATION("ContentBasedDeduplication"),
    ARCHIVE_POLICY("ArchivePolicy"),
    DATA_PROTECTION_POLICY("DataProtectionPolicy"),
    FIFO_THROUGHPUT_SCOPE("FifoThroughputScope"),
    FIFO_TOPIC("FifoTopic");

    private final String wireName;

    Topic(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }

    static Optional<Topic> named(String name) {
      return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
  }

  /** The attributes a subscription takes on Subscribe and SetSubscriptionAttributes. */
  enum Subscription implements AttributeName {
    DELIVERY_POLICY("DeliveryPolicy"),
    FILTER_POLICY("FilterPolicy"),
    FILTER_POLICY_SCOPE("FilterPolicyScope"),
    RAW_MESSAGE_DELIVERY("RawMessageDelivery"),
    REDRIVE_POLICY("RedrivePolicy"),
    SUBSCRIPTION_ROLE_ARN("SubscriptionRoleArn"),
    REPLAY_POLICY("ReplayPolicy");

    private final String wireName;

    Subscription(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }

    static Optional<Subscription> named(String name) {
      return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
  }
}
