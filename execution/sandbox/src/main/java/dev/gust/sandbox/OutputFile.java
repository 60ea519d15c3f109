package dev.gust.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Where a sandbox's stdout and stderr go: a file on the host, outside the sandbox's view, that the
 * runtime appends to and Gust reads on demand.
 *
 * <p>Implementation notes. A file, unlike a pipe, makes the question "has every line written so far
 * been handed on?" exact: a runtime's write has landed in the file before it answers through the
 * Runtime API, so reading up to the file's size at that moment gets all of it. The file is emptied
 * only when the sandbox is frozen (nothing can write to it then), once it has grown past {@link
 * #COMPACT_AFTER}.
 */
final class OutputFile implements AutoCloseable {

  private static final long COMPACT_AFTER = 1 << 20;

  private final Path path;
  private final Consumer<String> output;
  private final ReentrantLock lock = new ReentrantLock();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
  private FileChannel channel;
  private long position;

  OutputFile(Path path, Consumer<String> output) throws IOException {
    this.path = path;
    this.output = output;
    Files.createDirectories(path.getParent());
    Files.deleteIfExists(path);
    Files.createFile(path);
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
  }

  Path path() {
    return path;
  }

  /**
   * Hands on everything written so far, line by line; text after the last newline is handed on as a
   * line of its own, as Lambda ends a log event at the end of an invocation.
   */
  void drain() {
    lock.lock();
    try {
      if (channel == null) {
        return;
      }
      for (int n = channel.read(buffer.clear(), position); n > 0; ) {
        position += n;
        split(buffer.array(), n);
        n = channel.read(buffer.clear(), position);
      }
      if (partial.size() > 0) {
        output.accept(partial.toString(StandardCharsets.UTF_8));
        partial.reset();
      }
    } catch (IOException e) {
      // Output is best effort: a sandbox whose file cannot be read still runs.
    } finally {
      lock.unlock();
    }
  }

  /** Empties the file once it is large; call only while nothing can write to it. */
  void compact() {
    drain();
    lock.lock();
    try {
      if (channel != null && position > COMPACT_AFTER) {
        try (FileChannel writable = FileChannel.open(path, StandardOpenOption.WRITE)) {
          writable.truncate(0);
        }
        position = 0;
      }
    } catch (IOException e) {
      // Keep reading where we are.
    } finally {
      lock.unlock();
    }
  }

  private void split(byte[] bytes, int length) {
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        partial.write(bytes, start, i - start);
        output.accept(partial.toString(StandardCharsets.UTF_8));
        partial.reset();
        start = i + 1;
      }
    }
    partial.write(bytes, start, length - start);
  }

  /** Hands on what is left and deletes the file. */
  @Override
  public void close() {
    drain();
    lock.lock();
    try {
      if (channel != null) {
        channel.close();
        channel = null;
      }
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Nothing more to read.
    } finally {
      lock.unlock();
    }
  }
}
