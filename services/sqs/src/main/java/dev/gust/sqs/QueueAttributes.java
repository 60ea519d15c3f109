package dev.gust.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.Arn;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The settable attributes of a queue, as AWS validates them: the values a caller set explicitly,
 * with the documented default for every other one. Immutable; {@link #with} validates a change.
 *
 * @param values the explicitly set attributes, by AWS name, as strings
 */
record QueueAttributes(Map<String, String> values) {

  /** The default and largest message size: 256 KiB. */
  static final int DEFAULT_MAX_MESSAGE_SIZE = 262_144;

  /** The attributes CreateQueue and SetQueueAttributes accept, and their defaults. */
  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("DelaySeconds", "0"),
          Map.entry("MaximumMessageSize", String.valueOf(DEFAULT_MAX_MESSAGE_SIZE)),
          Map.entry("MessageRetentionPeriod", "345600"),
          Map.entry("ReceiveMessageWaitTimeSeconds", "0"),
          Map.entry("VisibilityTimeout", "30"),
          Map.entry("SqsManagedSseEnabled", "true"));

  private static final Set<String> OPTIONAL =
      Set.of(
          "Policy",
          "RedrivePolicy",
          "RedriveAllowPolicy",
          "KmsMasterKeyId",
          "KmsDataKeyReusePeriodSeconds");

  private static final Set<String> FIFO_ONLY =
      Set.of("ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit");

  /** The read-only attributes GetQueueAttributes knows, computed from the queue's state. */
  static final Set<String> READ_ONLY =
      Set.of(
          "ApproximateNumberOfMessages",
          "ApproximateNumberOfMessagesNotVisible",
          "ApproximateNumberOfMessagesDelayed",
          "CreatedTimestamp",
          "LastModifiedTimestamp",
          "QueueArn");

  private static final Pattern BOOLEAN = Pattern.compile("true|false");

  /** Reads the JSON documents some attributes hold: policies and the redrive policy. */
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where a queue sends messages received too often: {@code RedrivePolicy}. */
  record Redrive(String deadLetterTargetArn, int maxReceiveCount) {}

  QueueAttributes {
    values = Map.copyOf(values);
  }

  /** A new queue's attributes, validated; {@code fifo} when they ask for a FIFO queue. */
  static QueueAttributes create(Map<String, String> requested, boolean fifo) {
    Map<String, String> start = new TreeMap<>();
    if (fifo) {
      start.put("FifoQueue", "true");
      start.put("ContentBasedDeduplication", "false");
      start.put("DeduplicationScope", "queue");
      start.put("FifoThroughputLimit", "perQueue");
    }
    String declared = requested.get("FifoQueue");
    if (declared != null && !declared.equals(String.valueOf(fifo))) {
      if (!BOOLEAN.matcher(declared).matches()) {
        throw invalid("FifoQueue");
      }
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "The name of a FIFO queue can only include alphanumeric characters, hyphens, or"
              + " underscores, must end with .fifo suffix and be 1 to 80 in length.");
    }
    Map<String, String> rest = new TreeMap<>(requested);
    rest.remove("FifoQueue");
    return new QueueAttributes(start).with(rest);
  }

  /** These attributes with {@code changes} applied, each validated as AWS does. */
  QueueAttributes with(Map<String, String> changes) {
    Map<String, String> next = new TreeMap<>(values);
    for (Map.Entry<String, String> change : changes.entrySet()) {
      String name = change.getKey();
      String value = change.getValue() == null ? "" : change.getValue();
      if (name.equals("FifoQueue")) {
        if (!value.equals(String.valueOf(fifo()))) {
          throw SqsErrors.INVALID_ATTRIBUTE_VALUE.exception(
              "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not"
                  + " supported.");
        }
        continue;
      }
      if (!DEFAULTS.containsKey(name) && !OPTIONAL.contains(name) && !FIFO_ONLY.contains(name)) {
        throw SqsErrors.INVALID_ATTRIBUTE_NAME.exception("Unknown Attribute %s.", name);
      }
      if (FIFO_ONLY.contains(name) && !fifo()) {
        throw SqsErrors.INVALID_ATTRIBUTE_NAME.exception("Unknown Attribute %s.", name);
      }
      validate(name, value);
      if (OPTIONAL.contains(name) && value.isEmpty()) {
        next.remove(name);
      } else {
        next.put(name, value);
      }
    }
    return new QueueAttributes(next);
  }

  private static void validate(String name, String value) {
    switch (name) {
      case "DelaySeconds" -> range(name, value, 0, 900);
      case "MaximumMessageSize" -> range(name, value, 1024, 1_048_576);
      case "MessageRetentionPeriod" -> range(name, value, 60, 1_209_600);
      case "ReceiveMessageWaitTimeSeconds" -> range(name, value, 0, 20);
      case "VisibilityTimeout" -> range(name, value, 0, 43_200);
      case "KmsDataKeyReusePeriodSeconds" -> range(name, value, 60, 86_400);
      case "SqsManagedSseEnabled", "ContentBasedDeduplication" -> {
        if (!BOOLEAN.matcher(value).matches()) {
          throw invalid(name);
        }
      }
      case "DeduplicationScope" -> {
        if (!value.equals("queue") && !value.equals("messageGroup")) {
          throw invalid(name);
        }
      }
      case "FifoThroughputLimit" -> {
        if (!value.equals("perQueue") && !value.equals("perMessageGroupId")) {
          throw invalid(name);
        }
      }
      case "RedrivePolicy" -> {
        if (!value.isEmpty()) {
          parseRedrive(value);
        }
      }
      case "Policy", "RedriveAllowPolicy" -> {
        if (!value.isEmpty() && !isJsonObject(value)) {
          throw invalid(name);
        }
      }
      default -> {}
    }
  }

  private static void range(String name, String value, int min, int max) {
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw invalid(name);
  }

  private static dev.gust.core.AwsException invalid(String name) {
    return SqsErrors.INVALID_ATTRIBUTE_VALUE.exception("Invalid value for the parameter %s.", name);
  }

  private static boolean isJsonObject(String text) {
    try {
      return JSON.readTree(text).isObject();
    } catch (IOException e) {
      return false;
    }
  }

  static Redrive parseRedrive(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      throw SqsErrors.INVALID_ATTRIBUTE_VALUE.exception(
          "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid"
              + " JSON map.");
    }
    JsonNode target = node == null ? null : node.get("deadLetterTargetArn");
    JsonNode count = node == null ? null : node.get("maxReceiveCount");
    if (target == null || !target.isTextual() || count == null) {
      throw SqsErrors.INVALID_ATTRIBUTE_VALUE.exception(
          "Value %s for parameter RedrivePolicy is invalid. Reason: Redrive policy does not"
              + " contain mandatory attribute: %s.",
          text, target == null ? "deadLetterTargetArn" : "maxReceiveCount");
    }
    Optional<Arn> arn = Arn.parse(target.asText());
    if (arn.isEmpty() || !arn.get().service().equals("sqs")) {
      throw SqsErrors.INVALID_ATTRIBUTE_VALUE.exception(
          "Value %s for parameter RedrivePolicy is invalid. Reason: Invalid value for"
              + " deadLetterTargetArn.",
          text);
    }
    int max;
    try {
      max = count.isNumber() ? count.intValue() : Integer.parseInt(count.asText());
    } catch (NumberFormatException e) {
      max = 0;
    }
    if (max < 1 || max > 1000) {
      throw SqsErrors.INVALID_ATTRIBUTE_VALUE.exception(
          "Value %s for parameter RedrivePolicy is invalid. Reason: Invalid value for"
              + " maxReceiveCount: %s, valid values are from 1 to 1000 both inclusive.",
          text, count.asText());
    }
    return new Redrive(target.asText(), max);
  }

  /** Every settable attribute's effective value, explicit or default, for GetQueueAttributes. */
  Map<String, String> effective() {
    Map<String, String> all = new TreeMap<>(DEFAULTS);
    all.putAll(values);
    return all;
  }

  /** The effective value of one settable attribute, if it has one. */
  Optional<String> get(String name) {
    String value = values.get(name);
    return Optional.ofNullable(value != null ? value : DEFAULTS.get(name));
  }

  /** Whether {@code name} is a queue attribute AWS knows, settable or computed. */
  static boolean known(String name) {
    return DEFAULTS.containsKey(name)
        || OPTIONAL.contains(name)
        || FIFO_ONLY.contains(name)
        || READ_ONLY.contains(name)
        || name.equals("FifoQueue");
  }

  boolean fifo() {
    return "true".equals(values.get("FifoQueue"));
  }

  private int integer(String name) {
    return Integer.parseInt(get(name).orElseThrow());
  }

  Duration delay() {
    return Duration.ofSeconds(integer("DelaySeconds"));
  }

  int maximumMessageSize() {
    return integer("MaximumMessageSize");
  }

  Duration retention() {
    return Duration.ofSeconds(integer("MessageRetentionPeriod"));
  }

  Duration receiveWait() {
    return Duration.ofSeconds(integer("ReceiveMessageWaitTimeSeconds"));
  }

  Duration visibilityTimeout() {
    return Duration.ofSeconds(integer("VisibilityTimeout"));
  }

  boolean contentBasedDeduplication() {
    return "true".equals(values.get("ContentBasedDeduplication"));
  }

  boolean deduplicationPerGroup() {
    return "messageGroup".equals(values.get("DeduplicationScope"));
  }

  Optional<Redrive> redrive() {
    return Optional.ofNullable(values.get("RedrivePolicy")).map(QueueAttributes::parseRedrive);
  }

  OptionalInt maxReceiveCount() {
    return redrive().map(r -> OptionalInt.of(r.maxReceiveCount())).orElse(OptionalInt.empty());
  }
}
