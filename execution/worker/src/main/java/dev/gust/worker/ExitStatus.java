package dev.gust.worker;

import java.util.Map;

/** Describes how a runtime process ended, in the words Lambda uses. */
final class ExitStatus {

  /** Signals by number, as Go's runtime names them in Lambda's messages. */
  private static final Map<Integer, String> SIGNALS =
      Map.of(
          1, "hangup",
          2, "interrupt",
          3, "quit",
          4, "illegal instruction",
          6, "aborted",
          7, "bus error",
          8, "floating point exception",
          9, "killed",
          11, "segmentation fault",
          15, "terminated");

  private ExitStatus() {}

  /** {@code "exit status 3"} or, for a process killed by a signal (status 128 + n), its name. */
  static String describe(int status) {
    if (status > 128 && SIGNALS.containsKey(status - 128)) {
      return "signal: " + SIGNALS.get(status - 128);
    }
    return "exit status " + status;
  }
}
