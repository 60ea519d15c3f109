package dev.gust.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the temporary directories a run creates (a node's data, the floor's task root). */
final class TempDirs {

  private TempDirs() {}

  /** Deletes the tree under {@code root}; what cannot be deleted is reported and left. */
  static void delete(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not delete " + root + ": " + e.getMessage());
    }
  }
}
