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
 *
 * <p>Commands are built from the directories as the runtime sees them: a sandbox may mount the task
 * root at {@code /var/task} and the runtime directory at {@code /var/runtime}.
 *
 * <p>A stem cell is a runtime started before its function is known ({@link #stemCellCommand}), to
 * be turned into an environment of a function later by {@link RuntimeChannel#specialize}. It is
 * started with the task root (still empty) as working directory and an environment of {@link
 * #STEM_CELL} {@code =1}, {@code AWS_LAMBDA_RUNTIME_API} (its channel's address) and the variables
 * that every function of the node shares ({@code PATH}, {@code LANG}, {@code TZ}...), and for a
 * Java cell the {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE} of the functions it is for (it sizes the
 * heap). A function whose value of a variable the runtime only reads at start ({@code
 * NODE_OPTIONS}, {@code LANG}, {@code LD_LIBRARY_PATH}, a Java cell's memory size...) differs from
 * the cell's still runs correctly, but pays a normal start.
 */
public final class ManagedRuntimes {

  /** The environment variable, set to {@code 1}, that makes a runtime start as a stem cell. */
  public static final String STEM_CELL = "_GUST_STEM_CELL";

  static final String PYTHON = "/usr/bin/python3";
  static final String NODE = "/usr/bin/node";

  private final Path runtimeDir;
  private final JavaRuntimes java;

  private ManagedRuntimes(Path runtimeDir, JavaRuntimes java) {
    this.runtimeDir = runtimeDir;
    this.java = java;
  }

  /** Installs the bootstraps under {@code runtimeDir} (replacing older copies). */
  public static ManagedRuntimes install(Path runtimeDir) {
    try {
      copyResource("python/bootstrap.py", runtimeDir);
      copyResource("node/bootstrap.mjs", runtimeDir);
      copyResource("node/stemcell.cjs", runtimeDir);
      return new ManagedRuntimes(runtimeDir, JavaRuntimes.install(runtimeDir.resolve("java")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install runtime bootstraps in " + runtimeDir, e);
    }
  }

  private static void copyResource(String name, Path runtimeDir) throws IOException {
    Path target = runtimeDir.resolve(name);
    Files.createDirectories(target.getParent());
    try (InputStream in = ManagedRuntimes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the bootstrap " + name + " is missing from the build");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Where the bootstraps are installed on the host. */
  public Path runtimeDir() {
    return runtimeDir;
  }

  /**
   * The command that starts a runtime, run with the task root as working directory; empty when Gust
   * cannot run that runtime on this host.
   *
   * @param taskRoot the task root as the runtime sees it
   * @param runtimeDir the runtime directory as the runtime sees it
   */
  public Optional<List<String>> command(String runtime, String taskRoot, String runtimeDir) {
    if (runtime.startsWith("python3.")) {
      return Optional.of(List.of(PYTHON, "-u", runtimeDir + "/python/bootstrap.py"));
    }
    if (runtime.startsWith("nodejs")) {
      return Optional.of(List.of(NODE, runtimeDir + "/node/bootstrap.mjs"));
    }
    if (runtime.startsWith("java")) {
      return java.command(runtime, taskRoot, runtimeDir + "/java");
    }
    if (runtime.startsWith("provided.")) {
      return Optional.of(List.of(taskRoot + "/bootstrap"));
    }
    return Optional.empty();
  }

  /**
   * The command that starts a stem cell of {@code runtime}: run with the (empty) task root as
   * working directory and the environment the class comment describes, it connects to its Runtime
   * API and waits for {@link RuntimeChannel#specialize}. Empty for runtimes without stem cells.
   *
   * @param taskRoot the task root as the runtime sees it
   * @param runtimeDir the runtime directory as the runtime sees it
   */
  public Optional<List<String>> stemCellCommand(
      String runtime, String taskRoot, String runtimeDir) {
    if (runtime.startsWith("python3.") || runtime.startsWith("nodejs")) {
      return command(runtime, taskRoot, runtimeDir);
    }
    if (runtime.startsWith("java")) {
      return java.stemCellCommand(runtime, runtimeDir + "/java");
    }
    return Optional.empty();
  }

  /**
   * The command that prepares what makes a runtime's cold starts fast (a Java runtime's class-data
   * archive), to run once in a sandbox of the kind the runtime runs in, with the runtime directory
   * writable; empty when the runtime needs nothing or has it already.
   *
   * @param runtimeDir the runtime directory as the preparation sees it
   */
  public Optional<List<String>> preparation(String runtime, String runtimeDir) {
    if (!runtime.startsWith("java") || java.archive(runtime).isPresent()) {
      return Optional.empty();
    }
    return java.trainingCommand(runtime, runtimeDir + "/java");
  }

  /** {@code AWS_EXECUTION_ENV} as Lambda sets it for managed runtimes. */
  public static Optional<String> executionEnv(String runtime) {
    if (runtime.startsWith("provided.")) {
      return Optional.empty();
    }
    return Optional.of("AWS_Lambda_" + runtime);
  }
}
