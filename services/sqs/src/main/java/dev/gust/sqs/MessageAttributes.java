package dev.gust.sqs;

import dev.gust.core.Digests;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Message attributes as SQS validates, sizes and digests them. The digest is the one the SDKs
 * verify ({@code MD5OfMessageAttributes}): over the attributes sorted by name, each as its name,
 * data type, a transport byte (1 for strings and numbers, 2 for binary) and its value, every part
 * preceded by its length as a 4-byte big-endian integer.
 */
final class MessageAttributes {

  /** AWS allows ten message attributes per message. */
  static final int MAX_ATTRIBUTES = 10;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,256}");
  private static final Pattern DATA_TYPE = Pattern.compile("(String|Number|Binary)(\\..+)?");

  /** One attribute value: a string (for String and Number types) or bytes (Binary). */
  record Value(String dataType, Optional<String> string, Optional<byte[]> binary) {

    boolean isBinary() {
      return dataType.startsWith("Binary");
    }

    /** Bytes this attribute counts toward the message size: name, type and value. */
    int size(String name) {
      int value =
          binary.map(b -> b.length).orElse(0)
              + string.map(s -> s.getBytes(StandardCharsets.UTF_8).length).orElse(0);
      return utf8Length(name) + utf8Length(dataType) + value;
    }
  }

  private MessageAttributes() {}

  /** Refuses more attributes than a message may carry. */
  static void checkCount(int count) {
    if (count > MAX_ATTRIBUTES) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "Number of message attributes [%d] exceeds the allowed maximum [%d].",
          count, MAX_ATTRIBUTES);
    }
  }

  /** Refuses a message system attribute name other than {@code AWSTraceHeader}. */
  static void checkSystemName(String name) {
    if (!name.equals("AWSTraceHeader")) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "Message system attribute name '%s' is invalid.", name);
    }
  }

  /** Refuses a message attribute name SQS does not allow. */
  static void checkName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!NAME.matcher(name).matches()
        || lower.startsWith("aws.")
        || lower.startsWith("amazon.")
        || name.startsWith(".")
        || name.endsWith(".")
        || name.contains("..")) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "Message (user) attribute name '%s' is invalid. The name can contain alphanumeric"
              + " characters, hyphens (-), underscores (_) and periods (.), must not start or end"
              + " with a period, must not contain two periods in a row, must not start with"
              + " 'AWS.' or 'Amazon.' and can be up to 256 characters long.",
          name);
    }
  }

  /**
   * Checks one attribute as a sender gave it and returns its value.
   *
   * @param lists whether the sender gave list values, which SQS reserves and refuses
   */
  static Value value(
      String name,
      Optional<String> dataType,
      Optional<String> string,
      Optional<byte[]> binary,
      boolean lists) {
    if (dataType.isEmpty() || dataType.get().isEmpty()) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "The message attribute '%s' must contain non-empty message attribute type.", name);
    }
    String type = dataType.get();
    if (!DATA_TYPE.matcher(type).matches() || type.length() > 256) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "The type of message (user) attribute '%s' is invalid. You must use only the following"
              + " supported type prefixes: Binary, Number, String.",
          name);
    }
    if (lists) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "Message attribute list values in SendMessage operation are not supported.");
    }
    if (type.startsWith("Binary")) {
      if (binary.isEmpty() || string.isPresent() || binary.get().length == 0) {
        throw typeMismatch(name, "Binary");
      }
      return new Value(type, Optional.empty(), binary);
    }
    String kind = type.startsWith("Number") ? "Number" : "String";
    if (string.isEmpty() || string.get().isEmpty() || binary.isPresent()) {
      throw typeMismatch(name, kind);
    }
    if (kind.equals("Number")) {
      checkNumber(name, string.get());
    }
    if (!validCharacters(string.get())) {
      throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
          "Message (user) attribute '%s' contains characters outside the allowed set.", name);
    }
    return new Value(type, string, Optional.empty());
  }

  private static void checkNumber(String name, String text) {
    try {
      BigDecimal number = new BigDecimal(text.strip());
      if (number.precision() <= 38) {
        return;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw SqsErrors.INVALID_PARAMETER_VALUE.exception(
        "Can't cast the value of message (user) attribute '%s' to a number.", name);
  }

  private static dev.gust.core.AwsException typeMismatch(String name, String kind) {
    return SqsErrors.INVALID_PARAMETER_VALUE.exception(
        "Message (user) attribute '%s' must contain a non-empty value of type '%s'.", name, kind);
  }

  /** The attributes whose names the receiver asked for with {@code MessageAttributeNames}. */
  static SortedMap<String, Value> select(SortedMap<String, Value> all, Predicate<String> wanted) {
    SortedMap<String, Value> selected = new TreeMap<>();
    all.forEach(
        (name, value) -> {
          if (wanted.test(name)) {
            selected.put(name, value);
          }
        });
    return selected;
  }

  /** The MD5 of the attributes, as hex; the SDKs compare it with their own. */
  static String md5(SortedMap<String, Value> attributes) {
    MessageDigest digest = Digests.md5();
    for (Map.Entry<String, Value> entry : attributes.entrySet()) {
      Value value = entry.getValue();
      update(digest, entry.getKey().getBytes(StandardCharsets.UTF_8));
      update(digest, value.dataType().getBytes(StandardCharsets.UTF_8));
      if (value.isBinary()) {
        digest.update((byte) 2);
        update(digest, value.binary().orElseThrow());
      } else {
        digest.update((byte) 1);
        update(digest, value.string().orElseThrow().getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The MD5 of a message body, as hex. */
  static String md5(String body) {
    return Digests.md5Hex(body);
  }

  private static void update(MessageDigest digest, byte[] bytes) {
    digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    digest.update(bytes);
  }

  /** Bytes of the attributes toward the message size limit. */
  static int size(SortedMap<String, Value> attributes) {
    int total = 0;
    for (Map.Entry<String, Value> entry : attributes.entrySet()) {
      total += entry.getValue().size(entry.getKey());
    }
    return total;
  }

  static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Whether every character is one SQS accepts in a body or string attribute: {@code #x9 | #xA |
   * #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF}.
   */
  static boolean validCharacters(String text) {
    return firstInvalid(text) < 0;
  }

  /** The first code point outside the allowed set, or -1. */
  static int firstInvalid(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean ok =
          cp == 0x9
              || cp == 0xA
              || cp == 0xD
              || (cp >= 0x20 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD)
              || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!ok || (Character.isSurrogate(text.charAt(i)) && cp < 0x10000)) {
        return cp;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }
}
