package dev.gust.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.Digests;
import dev.gust.delivery.Delivery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a subscriber receives, in the shapes AWS delivers: the JSON notification for queues and HTTP
 * endpoints ({@code Type}, {@code MessageId}, {@code TopicArn}, {@code Message}, {@code Timestamp},
 * {@code SignatureVersion}, {@code Signature}, {@code SigningCertURL}, {@code UnsubscribeURL},
 * {@code MessageAttributes}), the bare message with {@code RawMessageDelivery}, the {@code aws:sns}
 * event for functions, and the {@code SubscriptionConfirmation} an HTTP endpoint gets first. Gust
 * has no signing key: {@code Signature} is a digest that looks like one and cannot be verified
 * against AWS's certificate.
 */
final class TopicMessages {

  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Reads and writes the JSON of notifications, message structures and redrive policies. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** One published message on its way to the subscriptions of its topic. */
  record Notification(
      String messageId,
      String topicArn,
      Optional<String> subject,
      String message,
      Instant timestamp,
      Map<String, SnsMessageAttribute> attributes,
      Optional<String> sequenceNumber,
      String baseUrl) {}

  private TopicMessages() {}

  /** The message {@code subscription} receives, its body in {@code protocolMessage}. */
  static Delivery.Message notification(
      Subscription subscription, Notification n, String protocolMessage) {
    if (subscription.protocol().equals("lambda")) {
      return Delivery.Message.of(lambdaEvent(subscription, n, protocolMessage));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (subscription.http()) {
      headers.put("x-amz-sns-message-type", "Notification");
      headers.put("x-amz-sns-message-id", n.messageId());
      headers.put("x-amz-sns-topic-arn", n.topicArn());
      headers.put("x-amz-sns-subscription-arn", subscription.arn());
    }
    if (subscription.raw()) {
      if (subscription.http()) {
        headers.put("x-amz-sns-rawdelivery", "true");
        return new Delivery.Message(protocolMessage, headers, Optional.empty(), Optional.empty());
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      n.attributes().forEach((name, a) -> attributes.put(name, a.value()));
      return new Delivery.Message(protocolMessage, attributes, Optional.empty(), Optional.empty());
    }
    ObjectNode body = MAPPER.createObjectNode();
    body.put("Type", "Notification");
    body.put("MessageId", n.messageId());
    n.sequenceNumber().ifPresent(s -> body.put("SequenceNumber", s));
    body.put("TopicArn", n.topicArn());
    n.subject().ifPresent(s -> body.put("Subject", s));
    body.put("Message", protocolMessage);
    body.put("Timestamp", TIMESTAMP.format(n.timestamp()));
    body.put("SignatureVersion", "1");
    body.put("Signature", signature(n.messageId() + protocolMessage));
    body.put("SigningCertURL", certificateUrl(n.baseUrl()));
    body.put("UnsubscribeURL", unsubscribeUrl(n.baseUrl(), subscription.arn()));
    if (!n.attributes().isEmpty()) {
      body.set("MessageAttributes", attributes(n.attributes()));
    }
    return new Delivery.Message(body.toString(), headers, Optional.empty(), Optional.empty());
  }

  private static String lambdaEvent(Subscription subscription, Notification n, String message) {
    ObjectNode event = MAPPER.createObjectNode();
    ObjectNode record = event.putArray("Records").addObject();
    record.put("EventSource", "aws:sns");
    record.put("EventVersion", "1.0");
    record.put("EventSubscriptionArn", subscription.arn());
    ObjectNode sns = record.putObject("Sns");
    sns.put("Type", "Notification");
    sns.put("MessageId", n.messageId());
    sns.put("TopicArn", n.topicArn());
    if (n.subject().isPresent()) {
      sns.put("Subject", n.subject().get());
    } else {
      sns.putNull("Subject");
    }
    sns.put("Message", message);
    sns.put("Timestamp", TIMESTAMP.format(n.timestamp()));
    sns.put("SignatureVersion", "1");
    sns.put("Signature", signature(n.messageId() + message));
    sns.put("SigningCertUrl", certificateUrl(n.baseUrl()));
    sns.put("UnsubscribeUrl", unsubscribeUrl(n.baseUrl(), subscription.arn()));
    sns.set("MessageAttributes", attributes(n.attributes()));
    return event.toString();
  }

  /** The first message an HTTP endpoint receives: a token and the URL that confirms with it. */
  static Delivery.Message confirmation(
      Subscription subscription, String messageId, Instant now, String baseUrl) {
    String token = subscription.token().orElseThrow();
    String subscribeUrl =
        baseUrl
            + "/?Action=ConfirmSubscription&TopicArn="
            + encode(subscription.topicArn())
            + "&Token="
            + encode(token);
    ObjectNode body = MAPPER.createObjectNode();
    body.put("Type", "SubscriptionConfirmation");
    body.put("MessageId", messageId);
    body.put("Token", token);
    body.put("TopicArn", subscription.topicArn());
    body.put(
        "Message",
        "You have chosen to subscribe to the topic "
            + subscription.topicArn()
            + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
    body.put("SubscribeURL", subscribeUrl);
    body.put("Timestamp", TIMESTAMP.format(now));
    body.put("SignatureVersion", "1");
    body.put("Signature", signature(messageId + token));
    body.put("SigningCertURL", certificateUrl(baseUrl));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amz-sns-message-type", "SubscriptionConfirmation");
    headers.put("x-amz-sns-message-id", messageId);
    headers.put("x-amz-sns-topic-arn", subscription.topicArn());
    return new Delivery.Message(body.toString(), headers, Optional.empty(), Optional.empty());
  }

  private static ObjectNode attributes(Map<String, SnsMessageAttribute> attributes) {
    ObjectNode out = MAPPER.createObjectNode();
    attributes.forEach(
        (name, a) -> out.putObject(name).put("Type", a.type()).put("Value", a.value()));
    return out;
  }

  private static String certificateUrl(String baseUrl) {
    return baseUrl + "/_gust/sns/SimpleNotificationService.pem";
  }

  static String unsubscribeUrl(String baseUrl, String subscriptionArn) {
    return baseUrl + "/?Action=Unsubscribe&SubscriptionArn=" + encode(subscriptionArn);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String signature(String text) {
    return Base64.getEncoder()
        .encodeToString(Digests.sha256(text.getBytes(StandardCharsets.UTF_8)));
  }
}
