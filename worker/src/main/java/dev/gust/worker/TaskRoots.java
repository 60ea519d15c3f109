package dev.gust.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacked deployment packages, one read-only directory per content key, shared by every
 * environment running that code. A package is unpacked into a temporary directory and renamed into
 * place, so a task root is either complete or absent. Entries keep the executable bit a zip records
 * for them ({@code bootstrap} files need it); everything is made read-only.
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

  private static void extract(Path zip, Path root) throws IOException {
    try (InputStream file = Files.newInputStream(zip);
        ZipInputStream in = new ZipInputStream(file)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path path = root.resolve(entry.getName()).normalize();
        if (!path.startsWith(root)) {
          throw new IOException("zip entry escapes the task root: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          continue;
        }
        Files.createDirectories(path.getParent());
        Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
        boolean executable = (unixMode(entry) & 0111) != 0 || entry.getName().endsWith("bootstrap");
        Files.setPosixFilePermissions(
            path, PosixFilePermissions.fromString(executable ? "r-xr-xr-x" : "r--r--r--"));
      }
    }
  }

  /** The Unix mode a zip made on Unix records in its entry's extra data, or 0. */
  private static int unixMode(ZipEntry entry) {
    byte[] extra = entry.getExtra();
    if (extra == null) {
      return 0;
    }
    for (int i = 0; i + 4 <= extra.length; ) {
      int id = (extra[i] & 0xff) | (extra[i + 1] & 0xff) << 8;
      int size = (extra[i + 2] & 0xff) | (extra[i + 3] & 0xff) << 8;
      if (id == 0x756e && size >= 4 && i + 8 <= extra.length) {
        return (extra[i + 6] & 0xff) | (extra[i + 7] & 0xff) << 8;
      }
      i += 4 + size;
    }
    return 0;
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
