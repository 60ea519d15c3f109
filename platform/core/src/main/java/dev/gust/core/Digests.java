package dev.gust.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The message digests Gust computes: SHA-256 for content keys, code hashes, deduplication ids and
 * notification signatures, and MD5 for the checksums SQS clients compare. Text is digested as
 * UTF-8; hex is lower case.
 */
public final class Digests {

  private static final HexFormat HEX = HexFormat.of();

  private Digests() {}

  /** The SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    return digest("SHA-256").digest(bytes);
  }

  /** The SHA-256 of {@code bytes}, as hex. */
  public static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(sha256(bytes));
  }

  /** The SHA-256 of the UTF-8 of {@code text}, as hex. */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The MD5 of the UTF-8 of {@code text}, as hex. */
  public static String md5Hex(String text) {
    return HEX.formatHex(md5().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A fresh MD5 digest, for content fed to it in parts. */
  public static MessageDigest md5() {
    return digest("MD5");
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }
}
