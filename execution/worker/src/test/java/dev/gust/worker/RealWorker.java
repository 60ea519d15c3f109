package dev.gust.worker;

import dev.gust.core.Scheduler;
import dev.gust.runtimes.ManagedRuntimes;
import dev.gust.runtimes.RuntimeApiServer;
import dev.gust.sandbox.ProcessBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A {@link LocalWorker} running real runtimes in the process sandbox backend under {@code dir},
 * with its Runtime API server; closing it stops all three.
 */
final class RealWorker implements AutoCloseable {

  final LocalWorker worker;
  private final ProcessBackend sandboxes;
  private final RuntimeApiServer runtimeApi;

  RealWorker(Path dir, Scheduler scheduler) {
    try {
      // As a node does with its data directory: runtimes may pass through, not list or read it.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sandboxes = new ProcessBackend();
    runtimeApi = RuntimeApiServer.start();
    worker =
        new LocalWorker(
            new LocalWorker.Settings(
                "local", 4096, dir.resolve("work"), dir.resolve("logs"), "http://127.0.0.1:1"),
            sandboxes,
            runtimeApi,
            ManagedRuntimes.install(dir.resolve("runtimes")),
            scheduler);
  }

  @Override
  public void close() {
    worker.close();
    runtimeApi.close();
    sandboxes.close();
  }
}
