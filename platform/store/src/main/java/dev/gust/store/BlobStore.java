package dev.gust.store;

import dev.gust.core.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Immutable blobs stored under the hex SHA-256 of their content, one file each.
 *
 * <p>A blob is written to a temporary file, fsynced, renamed into place and the directory fsynced,
 * so after {@link #put} returns the blob survives a crash, and a crash mid-write never leaves a
 * partial blob under its final name. Storing the same content twice is a no-op.
 */
public final class BlobStore {

  private final Path directory;

  public BlobStore(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores the content durably and returns its hex SHA-256. */
  public String put(byte[] content) {
    String key = Digests.sha256Hex(content);
    Path target = path(key);
    if (Files.exists(target)) {
      return key;
    }
    try {
      Path temporary = Files.createTempFile(directory, key, ".tmp");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(content));
        channel.force(true);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory();
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store blob " + key, e);
    }
  }

  public Optional<byte[]> get(String key) {
    try {
      return Optional.of(Files.readAllBytes(path(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path path(String key) {
    if (!key.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a blob key: " + key);
    }
    return directory.resolve(key);
  }

  /** Deletes every blob whose key is not in {@code live}, and leftover temporary files. */
  public void retainOnly(Set<String> live) {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".tmp") || !live.contains(name)) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void syncDirectory() throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot fsync a directory; the rename is still atomic there.
    }
  }
}
