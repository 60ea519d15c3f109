package dev.gust.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in a listing of function versions, handed to clients as an opaque {@code NextMarker}:
 * the last function name returned and the version ordinal within it ({@code $LATEST} is 0).
 */
record Cursor(String name, long ordinal) {

  static final Cursor START = new Cursor("", -1);

  /** Whether the entry at (name, ordinal) comes after this position. */
  boolean isBefore(String otherName, long otherOrdinal) {
    int byName = otherName.compareTo(name);
    return byName > 0 || (byName == 0 && otherOrdinal > ordinal);
  }

  String encode() {
    return encodeText(name + ":" + ordinal);
  }

  static Cursor decode(String marker) {
    String text = decodeText(marker);
    int colon = text.lastIndexOf(':');
    try {
      return new Cursor(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw LambdaErrors.INVALID_PARAMETER.exception("Invalid marker: %s", marker);
    }
  }

  static String encodeText(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeText(String marker) {
    try {
      return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw LambdaErrors.INVALID_PARAMETER.exception("Invalid marker: %s", marker);
    }
  }
}
