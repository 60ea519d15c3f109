package dev.gust.worker;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log stream of one execution environment, as Lambda writes it: what the runtime prints, framed
 * per invocation by {@code START}, {@code END} and {@code REPORT} lines. Kept on disk under the
 * function's log group; each invocation's part is also returned for {@code LogType: Tail}.
 *
 * <p>Implementation notes. Lines arrive from the sandbox's output threads and from the environment
 * itself; a lock keeps them whole and in order. A failure to write the file is logged once and the
 * stream goes on in memory, so logging never fails an invocation.
 */
final class LogStream implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LogStream.class.getName());

  /** How much of an invocation's log is kept for {@code LogType: Tail}: Lambda returns 4 KB. */
  static final int TAIL_BYTES = 4096;

  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private BufferedWriter file;
  private StringBuilder current;

  private LogStream(String name, BufferedWriter file) {
    this.name = name;
    this.file = file;
  }

  /**
   * Opens the stream {@code name} (such as {@code 2026/11/23/[$LATEST]abc…}) of the log group
   * {@code group} (such as {@code /aws/lambda/fn}) under {@code root}.
   */
  static LogStream open(Path root, String group, String name) {
    Path path = root.resolve(safe(group)).resolve(safe(name) + ".log");
    try {
      Files.createDirectories(path.getParent());
      return new LogStream(
          name,
          Files.newBufferedWriter(
              path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot open the log stream " + path + "; logging to memory only", e);
      return new LogStream(name, null);
    }
  }

  String name() {
    return name;
  }

  /** A line the runtime wrote. */
  void line(String text) {
    lock.lock();
    try {
      if (current != null) {
        current.append(text).append('\n');
        trim();
      }
      write(text);
    } finally {
      lock.unlock();
    }
  }

  void start(String requestId, String version) {
    lock.lock();
    try {
      current = new StringBuilder();
    } finally {
      lock.unlock();
    }
    line("START RequestId: " + requestId + " Version: " + version);
  }

  /**
   * Ends the invocation's part of the stream with {@code END} and {@code REPORT} and returns the
   * last {@link #TAIL_BYTES} bytes of that part.
   *
   * @param initDuration present on a cold start
   * @param billInit whether the init time is billed (custom runtimes)
   */
  String end(
      String requestId,
      Duration duration,
      int memoryMb,
      OptionalLong maxMemoryBytes,
      Optional<Duration> initDuration,
      boolean billInit) {
    double ms = duration.toNanos() / 1e6;
    double initMs = initDuration.map(d -> d.toNanos() / 1e6).orElse(0.0);
    long billed = (long) Math.ceil(billInit ? ms + initMs : ms);
    StringBuilder report =
        new StringBuilder("REPORT RequestId: ")
            .append(requestId)
            .append("\tDuration: ")
            .append(twoDecimals(duration))
            .append(" ms")
            .append("\tBilled Duration: ")
            .append(Math.max(1, billed))
            .append(" ms\tMemory Size: ")
            .append(memoryMb)
            .append(" MB\tMax Memory Used: ")
            .append(Math.max(1, (maxMemoryBytes.orElse(0) + (1 << 20) - 1) >> 20))
            .append(" MB\t");
    if (initDuration.isPresent()) {
      report.append("Init Duration: ").append(twoDecimals(initDuration.get())).append(" ms\t");
    }
    line("END RequestId: " + requestId);
    line(report.toString());
    lock.lock();
    try {
      String part = current == null ? "" : current.toString();
      current = null;
      flush();
      return new String(tail(part, TAIL_BYTES), StandardCharsets.UTF_8);
    } finally {
      lock.unlock();
    }
  }

  /** A duration in milliseconds with two decimals, rounded half up: {@code 1.24} for 1,235 µs. */
  static String twoDecimals(Duration duration) {
    long hundredths = (duration.toNanos() + 5_000) / 10_000;
    long fraction = hundredths % 100;
    return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
  }

  private void trim() {
    // Keep a little more than the tail so that it can be cut on a character boundary later.
    if (current.length() > 4 * TAIL_BYTES) {
      current.delete(0, current.length() - 2 * TAIL_BYTES);
    }
  }

  private void write(String text) {
    if (file == null) {
      return;
    }
    try {
      file.write(text);
      file.write('\n');
    } catch (IOException e) {
      failed(e);
    }
  }

  private void flush() {
    if (file == null) {
      return;
    }
    try {
      file.flush();
    } catch (IOException e) {
      failed(e);
    }
  }

  private void failed(IOException e) {
    LOG.log(Level.WARNING, "cannot write the log stream " + name + "; logging to memory only", e);
    try {
      file.close();
    } catch (IOException ignored) {
      // Already failing.
    }
    file = null;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      flush();
      if (file != null) {
        file.close();
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot close the log stream " + name, e);
    } finally {
      file = null;
      lock.unlock();
    }
  }

  /** The last {@code maxBytes} bytes of a log as UTF-8, never splitting a character. */
  private static byte[] tail(String log, int maxBytes) {
    byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= maxBytes) {
      return bytes;
    }
    int from = bytes.length - maxBytes;
    while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) {
      from++;
    }
    return Arrays.copyOfRange(bytes, from, bytes.length);
  }

  /** A log group or stream name as a relative path: no leading slash, no "..", no brackets. */
  private static String safe(String name) {
    String relative = name.replaceAll("^/+", "").replace("..", "_");
    return relative.replace('[', '_').replace(']', '_').replace('$', '_');
  }
}
