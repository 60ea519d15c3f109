package dev.gust.runtimes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The commands that start each runtime family, and the runtime directory ({@code
 * LAMBDA_RUNTIME_DIR}) holding Gust's own bootstraps. Interpreters are called by absolute path,
 * never through shims on {@code PATH}.
 */
public final class ManagedRuntimes {

  static final String PYTHON = "/usr/bin/python3";

  private final Path runtimeDir;

  private ManagedRuntimes(Path runtimeDir) {
    this.runtimeDir = runtimeDir;
  }

  /** Installs the bootstraps under {@code runtimeDir} (replacing older copies). */
  public static ManagedRuntimes install(Path runtimeDir) {
    try {
      Path python = runtimeDir.resolve("python");
      Files.createDirectories(python);
      try (InputStream in = ManagedRuntimes.class.getResourceAsStream("python/bootstrap.py")) {
        if (in == null) {
          throw new IllegalStateException("the Python bootstrap is missing from the build");
        }
        Files.copy(in, python.resolve("bootstrap.py"), StandardCopyOption.REPLACE_EXISTING);
      }
      return new ManagedRuntimes(runtimeDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install runtime bootstraps in " + runtimeDir, e);
    }
  }

  public Path runtimeDir() {
    return runtimeDir;
  }

  /**
   * The command that starts a runtime, run with the task root as working directory; empty when Gust
   * cannot run that runtime yet.
   */
  public Optional<List<String>> command(String runtime, Path taskRoot) {
    if (runtime.startsWith("python3.")) {
      return Optional.of(
          List.of(PYTHON, "-u", runtimeDir.resolve("python/bootstrap.py").toString()));
    }
    if (runtime.startsWith("provided.")) {
      return Optional.of(List.of(taskRoot.resolve("bootstrap").toString()));
    }
    return Optional.empty();
  }

  /** {@code AWS_EXECUTION_ENV} as Lambda sets it for managed runtimes. */
  public static Optional<String> executionEnv(String runtime) {
    if (runtime.startsWith("provided.")) {
      return Optional.empty();
    }
    return Optional.of("AWS_Lambda_" + runtime);
  }
}
