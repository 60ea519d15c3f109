package dev.gust.sandbox;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A running sandbox. Closing it is {@link #shutdown} with Lambda's 2-second grace. */
public interface Sandbox extends AutoCloseable {

  Duration DEFAULT_GRACE = Duration.ofSeconds(2);

  long pid();

  /** Completes with the exit status of the sandbox's main process when it ends. */
  CompletableFuture<Integer> exited();

  /** Sends SIGTERM to every process of the sandbox, waits up to {@code grace}, then SIGKILL. */
  void shutdown(Duration grace);

  /** Kills every process of the sandbox at once. */
  void kill();

  @Override
  default void close() {
    shutdown(DEFAULT_GRACE);
  }
}
