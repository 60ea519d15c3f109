package dev.gust.events;

/**
 * A message attribute of an SNS message.
 *
 * @param type {@code String}, {@code Number}, {@code Binary} or {@code String.Array}, possibly with
 *     a custom suffix such as {@code String.color}
 * @param value the string value, or the base64 text of a binary value
 */
record SnsMessageAttribute(String type, String value) {

  boolean binary() {
    return type.startsWith("Binary");
  }
}
