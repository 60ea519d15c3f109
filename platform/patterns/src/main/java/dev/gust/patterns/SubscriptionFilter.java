package dev.gust.patterns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * SNS subscription filter policies, matched by the same {@code event-ruler} as EventBridge rules:
 * SNS's operators (exact values, {@code prefix}, {@code suffix}, {@code anything-but}, {@code
 * numeric}, {@code exists}, {@code equals-ignore-case}, {@code cidr}, {@code $or}) are
 * event-ruler's. With {@code FilterPolicyScope} {@code MessageAttributes} the policy sees the
 * message attributes as a flat JSON object ({@code Number} as numbers, {@code String.Array} as
 * arrays, {@code Binary} left out); with {@code MessageBody} it sees the message, which must be a
 * JSON object.
 */
public final class SubscriptionFilter {

  /** The {@code FilterPolicyScope} that matches the message attributes, the default. */
  public static final String SCOPE_ATTRIBUTES = "MessageAttributes";

  /** The {@code FilterPolicyScope} that matches the message body. */
  public static final String SCOPE_BODY = "MessageBody";

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /**
   * A message attribute as a filter policy sees it.
   *
   * <p>{@link #type} is {@code String}, {@code Number}, {@code Binary} or {@code String.Array},
   * possibly with a custom suffix such as {@code String.color}; {@link #value} is the string value,
   * or the base64 text of a binary value.
   */
  public interface Attribute {

    String type();

    String value();
  }

  private final PatternMatcher matcher;

  public SubscriptionFilter(PatternMatcher matcher) {
    this.matcher = matcher;
  }

  /**
   * Whether a subscription with filter policy {@code policy} (none: every message) wants the
   * message; {@code body} when the policy's scope is the message body, else its attributes.
   */
  public boolean accepts(
      Optional<String> policy,
      boolean body,
      String message,
      Map<String, ? extends Attribute> attributes) {
    if (policy.isEmpty()) {
      return true;
    }
    JsonNode event;
    if (body) {
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
    return matcher.matches(policy.get(), event);
  }

  static ObjectNode attributesEvent(Map<String, ? extends Attribute> attributes) {
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
          } else if (!attribute.type().startsWith("Binary")) {
            event.put(name, attribute.value());
          }
        });
    return event;
  }
}
