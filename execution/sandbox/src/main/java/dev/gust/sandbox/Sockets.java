package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Tells which process holds the client end of a loopback TCP connection, from the kernel's socket
 * tables in {@code /proc}: the connection's socket inode from {@code /proc/net/tcp}, then the
 * process whose file descriptors include that socket.
 */
final class Sockets {

  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private Sockets() {}

  /**
   * The inode of the socket whose local port is {@code clientPort}, connected to {@code
   * serverPort}.
   */
  static OptionalLong clientInode(int clientPort, int serverPort) {
    String local = ":" + hex(clientPort);
    String remote = ":" + hex(serverPort);
    for (Path table : TABLES) {
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException e) {
        continue;
      }
      for (String line : lines) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 9 && fields[1].endsWith(local) && fields[2].endsWith(remote)) {
          return OptionalLong.of(Long.parseLong(fields[9]));
        }
      }
    }
    return OptionalLong.empty();
  }

  /** Whether the process {@code pid} has the socket {@code inode} open. */
  static boolean holds(long pid, long inode) {
    String target = "socket:[" + inode + "]";
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.anyMatch(fd -> target.equals(link(fd)));
    } catch (IOException e) {
      return false;
    }
  }

  private static String link(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return "";
    }
  }

  private static String hex(int port) {
    return String.format(Locale.ROOT, "%04X", port);
  }
}
