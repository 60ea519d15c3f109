package dev.gust.sandbox;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** A running sandbox. Closing it is {@link #shutdown} with Lambda's 2-second grace. */
public interface Sandbox extends AutoCloseable {

  Duration DEFAULT_GRACE = Duration.ofSeconds(2);

  long pid();

  /** Completes with the exit status of the sandbox's main process when it ends. */
  CompletableFuture<Integer> exited();

  /** Stops every process of the sandbox so that it uses no CPU; a no-op without a freezer. */
  void freeze();

  /** Lets a frozen sandbox run again. */
  void thaw();

  /** Whether the kernel killed a process of the sandbox for exceeding its memory limit. */
  boolean outOfMemory();

  /** The most memory the sandbox has used so far, where the host can tell. */
  OptionalLong peakMemoryBytes();

  /**
   * Whether the client end of the loopback connection from {@code clientPort} to {@code serverPort}
   * belongs to a process of this sandbox.
   */
  boolean ownsConnection(int clientPort, int serverPort);

  /** Hands everything the sandbox has written so far to the spec's output, line by line. */
  void drainOutput();

  /** Sends SIGTERM to every process of the sandbox, waits up to {@code grace}, then SIGKILL. */
  void shutdown(Duration grace);

  /** Kills every process of the sandbox at once. */
  void kill();

  @Override
  default void close() {
    shutdown(DEFAULT_GRACE);
  }
}
