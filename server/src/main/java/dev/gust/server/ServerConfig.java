package dev.gust.server;

import dev.gust.registry.Limits;
import java.nio.file.Path;

/**
 * How a node is started: where it listens (port 0 picks a free port), where it keeps its data, and
 * the account limits it enforces.
 */
public record ServerConfig(String host, int port, Path dataDir, Limits limits) {

  public static final int DEFAULT_PORT = 4566;

  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig("127.0.0.1", DEFAULT_PORT, dataDir, Limits.defaults());
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, dataDir, limits);
  }
}
