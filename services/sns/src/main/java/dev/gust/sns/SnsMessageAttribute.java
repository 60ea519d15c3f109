package dev.gust.sns;

import dev.gust.patterns.SubscriptionFilter;

/**
 * A message attribute of an SNS message.
 *
 * @param type {@code String}, {@code Number}, {@code Binary} or {@code String.Array}, possibly with
 *     a custom suffix such as {@code String.color}
 * @param value the string value, or the base64 text of a binary value
 */
record SnsMessageAttribute(String type, String value) implements SubscriptionFilter.Attribute {

  boolean binary() {
    return type.startsWith("Binary");
  }
}
