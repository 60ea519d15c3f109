package dev.gust.runtimes;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The Java runtimes ({@code java17}, {@code java21}, {@code java25}). */
final class JavaRuntimes {

  private final Path installDir;

  private JavaRuntimes(Path installDir) {
    this.installDir = installDir;
  }

  /** Installs what Java runtimes need under {@code installDir}. */
  static JavaRuntimes install(Path installDir) {
    return new JavaRuntimes(installDir);
  }

  /**
   * The command that starts a Java runtime; empty when this host has no JDK for it.
   *
   * @param taskRoot the task root as the runtime sees it
   * @param javaDir {@code installDir} as the runtime sees it
   */
  Optional<List<String>> command(String runtime, String taskRoot, String javaDir) {
    return Optional.empty();
  }
}
