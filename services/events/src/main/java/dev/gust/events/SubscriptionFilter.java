package dev.gust.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.wire.Json;
import java.math.BigDecimal;
import java.util.Map;

/**
 * SNS subscription filter policies, matched by the same {@code event-ruler} as EventBridge rules:
 * SNS's operators (exact values, {@code prefix}, {@code suffix}, {@code anything-but}, {@code
 * numeric}, {@code exists}, {@code equals-ignore-case}, {@code cidr}, {@code $or}) are
 * event-ruler's. With {@code FilterPolicyScope} {@code MessageAttributes} the policy sees the
 * message attributes as a flat JSON object ({@code Number} as numbers, {@code String.Array} as
 * arrays, {@code Binary} left out); with {@code MessageBody} it sees the message, which must be a
 * JSON object.
 */
final class SubscriptionFilter {

  static final String SCOPE_ATTRIBUTES = "MessageAttributes";
  static final String SCOPE_BODY = "MessageBody";

  private static final ObjectMapper MAPPER = Json.pascalCase().mapper();

  private final PatternMatcher matcher;

  SubscriptionFilter(PatternMatcher matcher) {
    this.matcher = matcher;
  }

  /** Whether a subscription with these attributes wants the message. */
  boolean accepts(
      Map<String, String> subscription,
      String message,
      Map<String, SnsMessageAttribute> attributes) {
    String policy = subscription.get("FilterPolicy");
    if (policy == null || policy.isBlank()) {
      return true;
    }
    JsonNode event;
    if (SCOPE_BODY.equals(subscription.get("FilterPolicyScope"))) {
      try {
        event = MAPPER.readTree(message);
      } catch (JsonProcessingException e) {
        return false;
      }
      if (event == null || !event.isObject()) {
        return false;
      }
    } else {
      event = attributesEvent(attributes);
    }
    return matcher.matches(policy, event);
  }

  static ObjectNode attributesEvent(Map<String, SnsMessageAttribute> attributes) {
    ObjectNode event = MAPPER.createObjectNode();
    attributes.forEach(
        (name, attribute) -> {
          if (attribute.type().startsWith("Number")) {
            try {
              event.put(name, new BigDecimal(attribute.value()));
            } catch (NumberFormatException e) {
              event.put(name, attribute.value());
            }
          } else if (attribute.type().equals("String.Array")) {
            try {
              JsonNode array = MAPPER.readTree(attribute.value());
              event.set(name, array);
            } catch (JsonProcessingException e) {
              event.put(name, attribute.value());
            }
          } else if (!attribute.binary()) {
            event.put(name, attribute.value());
          }
        });
    return event;
  }
}
