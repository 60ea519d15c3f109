package dev.gust.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Unpacked deployment packages, one read-only directory per content key, shared by every
 * environment running that code. A package is unpacked into a temporary directory and renamed into
 * place, so a task root is either complete or absent. Entries keep the executable bit a zip records
 * for them (a custom runtime's {@code bootstrap} needs it); everything is made read-only.
 */
public final class TaskRoots {

  private final Path directory;

  public TaskRoots(Path directory) {
    this.directory = directory;
  }

  /** The unpacked task root of the package, unpacking it on first use. */
  public synchronized Path unpack(String codeKey, Path zip) {
    Path target = directory.resolve(codeKey);
    if (Files.isDirectory(target)) {
      return target;
    }
    try {
      Files.createDirectories(directory);
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
      Path staging = Files.createTempDirectory(directory, codeKey + ".");
      extract(zip, staging);
      seal(staging);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        delete(staging);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack code " + codeKey, e);
    }
  }

  /**
   * Fills the empty directory {@code target} with hard links to the unpacked task root {@code
   * unpacked} (same files, no copies), then makes it read-only: a stem cell's task root becomes its
   * function's.
   */
  public static void linkInto(Path unpacked, Path target) {
    try (Stream<Path> paths = Files.walk(unpacked)) {
      for (Path source : paths.toList()) {
        Path path = target.resolve(unpacked.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(path);
        } else {
          Files.createLink(path, source);
        }
      }
      seal(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link code into " + target, e);
    }
  }

  /**
   * Copies every entry of the zip under {@code root}, read-only; an entry is executable when the
   * zip records an executable Unix mode for it, as Lambda keeps it.
   */
  private static void extract(Path zip, Path root) throws IOException {
    try (FileSystem archive =
        FileSystems.newFileSystem(
            zip,
            // An entry without a Unix mode (a zip made on Windows) is a plain file.
            Map.of("enablePosixFileAttributes", "true", "defaultPermissions", "rw-r--r--"))) {
      Path top = archive.getPath("/");
      try (Stream<Path> entries = Files.walk(top)) {
        for (Path entry : entries.toList()) {
          Path path = root.resolve(top.relativize(entry).toString()).normalize();
          if (!path.startsWith(root)) {
            throw new IOException("zip entry escapes the task root: " + entry);
          }
          if (Files.isDirectory(entry)) {
            Files.createDirectories(path);
            continue;
          }
          Files.createDirectories(path.getParent());
          Files.copy(entry, path, StandardCopyOption.REPLACE_EXISTING);
          boolean executable =
              Files.getPosixFilePermissions(entry).stream()
                  .anyMatch(p -> p.name().endsWith("_EXECUTE"));
          Files.setPosixFilePermissions(
              path, PosixFilePermissions.fromString(executable ? "r-xr-xr-x" : "r--r--r--"));
        }
      }
    }
  }

  private static void seal(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(Files::isDirectory).toList()) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r-xr-xr-x"));
      }
    }
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        path.toFile().setWritable(true);
        Files.deleteIfExists(path);
      }
    }
  }
}
