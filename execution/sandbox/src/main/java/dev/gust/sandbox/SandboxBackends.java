package dev.gust.sandbox;

import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/** Chooses the sandbox backend a node runs: {@code auto}, {@code namespace} or {@code process}. */
public final class SandboxBackends {

  private static final Logger LOG = Logger.getLogger(SandboxBackends.class.getName());

  private SandboxBackends() {}

  /**
   * The configured backend. {@code auto} takes {@code namespace} where the host allows it and
   * otherwise {@code process}, saying why; {@code namespace} fails when the host does not allow it.
   *
   * @param scratch a directory the namespace check may use
   */
  public static SandboxBackend open(String name, Path scratch) {
    return switch (name) {
      case "process" -> new ProcessBackend();
      case "namespace" -> {
        StringBuilder whyNot = new StringBuilder();
        Optional<NamespaceBackend> backend = NamespaceBackend.create(scratch, whyNot);
        yield backend.orElseThrow(
            () -> new IllegalStateException("sandbox backend 'namespace' unavailable: " + whyNot));
      }
      case "auto" -> {
        StringBuilder whyNot = new StringBuilder();
        Optional<NamespaceBackend> backend = NamespaceBackend.create(scratch, whyNot);
        if (backend.isPresent()) {
          yield backend.get();
        }
        LOG.warning("sandbox backend 'namespace' unavailable (" + whyNot + "); using 'process'");
        yield new ProcessBackend();
      }
      default ->
          throw new IllegalArgumentException(
              "unknown sandbox backend '" + name + "': use auto, namespace or process");
    };
  }
}
