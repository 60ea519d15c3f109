package dev.gust.server;

import dev.gust.registry.Limits;
import java.nio.file.Path;

/**
 * How a node is started: where it listens (port 0 picks a free port), where it keeps its data, the
 * account limits it enforces and its sandbox backend ({@code auto}, {@code namespace} or {@code
 * process}).
 */
public record ServerConfig(String host, int port, Path dataDir, Limits limits, String sandbox) {

  public static final int DEFAULT_PORT = 4566;
  public static final String DEFAULT_SANDBOX = "auto";

  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig("127.0.0.1", DEFAULT_PORT, dataDir, Limits.defaults(), DEFAULT_SANDBOX);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, dataDir, limits, sandbox);
  }

  public ServerConfig withSandbox(String newSandbox) {
    return new ServerConfig(host, port, dataDir, limits, newSandbox);
  }
}
