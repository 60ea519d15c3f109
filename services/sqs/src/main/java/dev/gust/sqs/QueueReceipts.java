package dev.gust.sqs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Receipt handles: opaque to clients, they name the queue, the message and the receive that handed
 * it out (its receive count), so that a handle from an earlier receive can be told from the latest
 * one, also after a restart.
 */
final class QueueReceipts {

  private static final String PREFIX = "gust1";

  /** A parsed receipt handle, with the text it came from. */
  record Receipt(long queueId, long seq, int receiveCount, String text) {}

  private QueueReceipts() {}

  static String encode(long queueId, long seq, int receiveCount) {
    String plain =
        PREFIX
            + ":"
            + queueId
            + ":"
            + seq
            + ":"
            + receiveCount
            + ":"
            + Long.toHexString(ThreadLocalRandom.current().nextLong());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses a handle that must belong to the queue {@code queueId}.
   *
   * @throws dev.gust.core.AwsException {@code ReceiptHandleIsInvalid} otherwise
   */
  static Receipt parse(String text, long queueId) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = plain.split(":");
      if (parts.length == 5 && parts[0].equals(PREFIX)) {
        Receipt receipt =
            new Receipt(
                Long.parseLong(parts[1]),
                Long.parseLong(parts[2]),
                Integer.parseInt(parts[3]),
                text);
        if (receipt.queueId() == queueId) {
          return receipt;
        }
      }
    } catch (IllegalArgumentException e) {
      // Reported below; NumberFormatException is an IllegalArgumentException.
    }
    throw SqsErrors.RECEIPT_HANDLE_IS_INVALID.exception(
        "The input receipt handle \"%s\" is not a valid receipt handle.", text);
  }
}
