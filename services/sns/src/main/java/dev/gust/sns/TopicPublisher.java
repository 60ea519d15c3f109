package dev.gust.sns;

import static dev.gust.sns.SnsErrors.INVALID_PARAMETER_VALUE;
import static dev.gust.sns.SnsErrors.NOT_FOUND;
import static dev.gust.sns.SnsErrors.invalid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.core.Digests;
import dev.gust.delivery.Outbox;
import dev.gust.patterns.SubscriptionFilter;
import dev.gust.store.Database;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Publish: a message is checked, deduplicated on FIFO topics, matched against the filter policy of
 * each confirmed subscription of its topic, and the notification each matching subscriber gets is
 * written to the outbox in the transaction that accepts the message.
 */
final class TopicPublisher {

  static final int MAX_MESSAGE_BYTES = 256 * 1024;
  static final Duration DEDUP_WINDOW = Duration.ofMinutes(5);

  /** AWS's policy for functions and queues: many retries, backing off to 20 seconds. */
  static final Outbox.Retry MANAGED =
      new Outbox.Retry(100_015, Duration.ofDays(23), Duration.ofSeconds(1), Duration.ofSeconds(20));

  /** AWS's default HTTP/S policy: three retries, 20 seconds apart. */
  static final Outbox.Retry HTTP =
      new Outbox.Retry(3, Duration.ofHours(1), Duration.ofSeconds(20), Duration.ofSeconds(20));

  /** A Publish request, or one entry of a PublishBatch. */
  record Request(
      String topicArn,
      String message,
      Optional<String> subject,
      Optional<String> messageStructure,
      Map<String, SnsMessageAttribute> attributes,
      Optional<String> groupId,
      Optional<String> deduplicationId) {}

  /** An accepted message: its id and, on FIFO topics, its sequence number. */
  record Published(String messageId, Optional<String> sequenceNumber) {}

  private final Database database;
  private final Outbox outbox;
  private final SubscriptionFilter filter;
  private final InstantSource clock;

  TopicPublisher(Database database, Outbox outbox, SubscriptionFilter filter, InstantSource clock) {
    this.database = database;
    this.outbox = outbox;
    this.filter = filter;
    this.clock = clock;
  }

  /** Accepts one message durably; the subscribers get it after this returns. */
  Published publish(Request request, String baseUrl) {
    check(request);
    Published published = database.transaction(c -> accept(c, request, baseUrl));
    outbox.wake();
    return published;
  }

  /** Checks a request before any transaction: everything that does not need the topic. */
  static void check(Request request) {
    if (request.message().isEmpty()) {
      throw invalid("Empty message");
    }
    if (request.subject().filter(s -> s.isEmpty() || s.length() > 100).isPresent()) {
      throw invalid("Subject");
    }
    int size = request.message().getBytes(StandardCharsets.UTF_8).length;
    for (Map.Entry<String, SnsMessageAttribute> a : request.attributes().entrySet()) {
      size += a.getKey().length() + a.getValue().type().length() + a.getValue().value().length();
      checkAttribute(a.getKey(), a.getValue());
    }
    if (size > MAX_MESSAGE_BYTES) {
      throw invalid("Message too long");
    }
    if (request.messageStructure().isPresent()) {
      if (!request.messageStructure().get().equals("json")) {
        throw invalid("MessageStructure");
      }
      if (!MessageStructure.parse(request.message()).hasDefault()) {
        throw invalid("Message Structure - No default entry in JSON message body");
      }
    }
  }

  private static void checkAttribute(String name, SnsMessageAttribute attribute) {
    String type = attribute.type();
    if (!(type.startsWith("String") || type.startsWith("Number") || type.startsWith("Binary"))) {
      throw INVALID_PARAMETER_VALUE.exception(
          "The message attribute '%s' has an invalid message attribute type, the set of supported"
              + " type prefixes is Binary, Number, and String.",
          name);
    }
    if (type.startsWith("Number")) {
      try {
        new BigDecimal(attribute.value());
      } catch (NumberFormatException e) {
        throw INVALID_PARAMETER_VALUE.exception(
            "Could not cast message attribute '%s' value to number.", name);
      }
    }
    if (type.equals("String.Array")) {
      try {
        JsonNode array = TopicMessages.MAPPER.readTree(attribute.value());
        if (array == null || !array.isArray()) {
          throw new IllegalArgumentException();
        }
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw INVALID_PARAMETER_VALUE.exception(
            "The message attribute '%s' with type 'String.Array' has an invalid value.", name);
      }
    }
  }

  /**
   * A message published with {@code MessageStructure=json}: a JSON object of texts by protocol,
   * with the {@code default} text for the others.
   */
  private record MessageStructure(Map<String, JsonNode> texts) {

    private static final String DEFAULT = "default";

    static MessageStructure parse(String message) {
      try {
        Map<String, JsonNode> texts =
            TopicMessages.MAPPER.readValue(message, new TypeReference<Map<String, JsonNode>>() {});
        if (texts == null) {
          throw invalid("Message Structure - JSON message body failed to parse");
        }
        return new MessageStructure(texts);
      } catch (JsonProcessingException e) {
        throw invalid("Message Structure - JSON message body failed to parse");
      }
    }

    boolean hasDefault() {
      return texts.containsKey(DEFAULT);
    }

    String forProtocol(String protocol) {
      return texts.getOrDefault(protocol, texts.get(DEFAULT)).asText();
    }
  }

  private Published accept(Connection c, Request request, String baseUrl) throws SQLException {
    TopicStore store = new TopicStore(c);
    Topic topic =
        store
            .topic(request.topicArn())
            .orElseThrow(() -> NOT_FOUND.exception("Topic does not exist"));
    Instant now = clock.instant();
    Optional<String> sequence = Optional.empty();
    Optional<String> dedupId = Optional.empty();
    if (topic.fifo()) {
      if (request.groupId().isEmpty()) {
        throw invalid("The MessageGroupId parameter is required for FIFO topics");
      }
      dedupId = request.deduplicationId();
      if (dedupId.isEmpty() && topic.contentBasedDeduplication()) {
        dedupId = Optional.of(Digests.sha256Hex(request.message()));
      }
      if (dedupId.isEmpty()) {
        throw invalid(
            "The topic should either have ContentBasedDeduplication enabled or"
                + " MessageDeduplicationId provided explicitly");
      }
      Optional<TopicStore.Duplicate> duplicate =
          store.duplicate(topic.arn(), dedupId.get(), now.toEpochMilli());
      if (duplicate.isPresent()) {
        return new Published(duplicate.get().messageId(), Optional.of(duplicate.get().sequence()));
      }
      sequence = Optional.of(store.nextSequence(topic.arn()));
    } else if (request.groupId().isPresent() || request.deduplicationId().isPresent()) {
      throw invalid(
          "MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid"
              + " for this topic type");
    }
    String messageId = UUID.randomUUID().toString();
    TopicMessages.Notification notification =
        new TopicMessages.Notification(
            messageId,
            topic.arn(),
            request.subject(),
            request.message(),
            now,
            request.attributes(),
            sequence,
            baseUrl);
    List<Outbox.Pending> pending = new ArrayList<>();
    for (Subscription s : store.subscriptionsOf(topic.arn())) {
      if (s.confirmed()
          && filter.accepts(
              s.filterPolicy(), s.filtersBody(), request.message(), request.attributes())) {
        String message = protocolMessage(request, s.protocol());
        pending.add(
            new Outbox.Pending(
                s.http() ? "http" : "deliver",
                s.endpoint(),
                s.arn(),
                TopicMessages.notification(s, notification, message),
                s.http() ? HTTP : MANAGED,
                s.deadLetter()));
      }
    }
    outbox.add(c, pending);
    if (dedupId.isPresent()) {
      store.remember(
          topic.arn(),
          dedupId.get(),
          new TopicStore.Duplicate(messageId, sequence.orElseThrow()),
          now.plus(DEDUP_WINDOW).toEpochMilli());
    }
    return new Published(messageId, sequence);
  }

  /** The text a protocol gets: with {@code MessageStructure=json}, its own entry or the default. */
  private static String protocolMessage(Request request, String protocol) {
    if (request.messageStructure().isEmpty()) {
      return request.message();
    }
    return MessageStructure.parse(request.message()).forProtocol(protocol);
  }
}
