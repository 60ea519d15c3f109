package dev.gust.worker;

import dev.gust.runtimes.RuntimeChannel;
import dev.gust.sandbox.Sandbox;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Binds a Runtime API channel to the processes of the sandbox about to be started. */
final class Admission {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private Admission() {}

  /**
   * Makes {@code channel} admit only connections from the sandbox the returned future completes
   * with; the runtime's first connection may arrive before the sandbox's start returns, so the
   * check waits for it.
   */
  static CompletableFuture<Sandbox> ownProcessesOnly(RuntimeChannel channel) {
    CompletableFuture<Sandbox> started = new CompletableFuture<>();
    channel.admitOnly(
        clientPort -> {
          try {
            return started
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .ownsConnection(clientPort, channel.port());
          } catch (ExecutionException | TimeoutException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        });
    return started;
  }
}
