package dev.gust.invoke;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive loop detection as Lambda does it: the trace header ({@code X-Amzn-Trace-Id}, and {@code
 * _X_AMZN_TRACE_ID} inside a function) carries {@code Lineage=<hash>:<count>}, the number of times
 * a chain of events has passed through functions. The AWS SDKs copy the function's trace header
 * into the calls it makes, so an event a function sends on arrives with its count; Gust stops a
 * chain that reaches {@link #MAX_DEPTH}.
 */
public final class Lineage {

  /** Lambda stops a recursive chain after about 16 invocations. */
  public static final int MAX_DEPTH = 16;

  private static final Pattern LINEAGE =
      Pattern.compile("(?:^|;)\\s*Lineage=([0-9a-fA-F]+):(\\d{1,9})");

  private Lineage() {}

  /** The count an incoming trace header carries, if any. */
  public static OptionalInt of(Optional<String> traceHeader) {
    if (traceHeader.isEmpty()) {
      return OptionalInt.empty();
    }
    Matcher matcher = LINEAGE.matcher(traceHeader.get());
    return matcher.find()
        ? OptionalInt.of(Integer.parseInt(matcher.group(2)))
        : OptionalInt.empty();
  }

  /**
   * The {@code ;Lineage=} part of a function's trace header, empty at the start of a chain (the ARN
   * is only built when a chain goes on).
   */
  static String header(Supplier<String> functionArn, int count) {
    return count == 0 ? "" : String.format(";Lineage=%08x:%d", functionArn.get().hashCode(), count);
  }
}
