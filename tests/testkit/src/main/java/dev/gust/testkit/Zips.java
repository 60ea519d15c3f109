package dev.gust.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds deployment packages for tests. */
public final class Zips {

  private Zips() {}

  /** A zip with the given entries (name to UTF-8 content), in order. */
  public static byte[] of(Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A zip with the given entries that records Unix modes as {@code zip} on Linux does: 0755 for the
   * {@code executables}, 0644 for the rest.
   */
  public static byte[] withModes(Map<String, String> entries, Set<String> executables) {
    try {
      Path file = Files.createTempFile("gust-zip", ".zip");
      Files.delete(file);
      try (FileSystem zip =
          FileSystems.newFileSystem(
              file, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
        for (Map.Entry<String, String> entry : entries.entrySet()) {
          Path path = zip.getPath(entry.getKey());
          if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
          }
          Files.writeString(path, entry.getValue());
          Files.setPosixFilePermissions(
              path,
              PosixFilePermissions.fromString(
                  executables.contains(entry.getKey()) ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
      byte[] bytes = Files.readAllBytes(file);
      Files.delete(file);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Python handler package whose {@code handler.handler} returns the given JSON literal. */
  public static byte[] python(String returnedJson) {
    return of(
        Map.of("handler.py", "def handler(event, context):\n    return " + returnedJson + "\n"));
  }

  /** A zip holding one entry of {@code size} zero bytes: tiny zipped, huge unzipped. */
  public static byte[] bomb(long size) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(9);
      zip.putNextEntry(new ZipEntry("zeros.bin"));
      byte[] block = new byte[1 << 20];
      for (long written = 0; written < size; written += block.length) {
        zip.write(block, 0, (int) Math.min(block.length, size - written));
      }
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
