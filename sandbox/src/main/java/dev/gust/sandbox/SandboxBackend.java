package dev.gust.sandbox;

/** Starts sandboxes of one kind. Implementations are thread-safe. */
public interface SandboxBackend {

  /** The backend's name as configured: {@code process} or {@code namespace}. */
  String name();

  /** Starts the spec's command in a new sandbox; fails with {@link SandboxException}. */
  Sandbox start(SandboxSpec spec);
}
