package dev.gust.sandbox;

import java.nio.file.Path;

/** Starts sandboxes of one kind. Implementations are thread-safe. */
public interface SandboxBackend extends AutoCloseable {

  /** The backend's name as configured: {@code process} or {@code namespace}. */
  String name();

  /** Where a sandbox made of these host directories shows them to its runtime. */
  SandboxPaths paths(Path taskRoot, Path runtimeDir, Path tmpDir);

  /** Starts the spec's command in a new sandbox; fails with {@link SandboxException}. */
  Sandbox start(SandboxSpec spec);

  @Override
  void close();
}
