package dev.gust.server;

import dev.gust.lambdaapi.LambdaService;
import dev.gust.registry.Limits;
import dev.gust.worker.WorkerManager;
import java.nio.file.Path;

/**
 * How a node is started: where it listens (port 0 picks a free port), where it keeps its data, the
 * account limits it enforces, its sandbox backend ({@code auto}, {@code namespace} or {@code
 * process}), how its environments scale and are kept, and the memory its environments may take in
 * total.
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Limits limits,
    String sandbox,
    WorkerManager.Settings environments,
    long memoryMb) {

  public static final int DEFAULT_PORT = 4566;
  public static final String DEFAULT_SANDBOX = LambdaService.Settings.DEFAULT_SANDBOX;

  /** A node with Lambda's scaling and keep-alive, whose environments may use the host's memory. */
  public ServerConfig(String host, int port, Path dataDir, Limits limits, String sandbox) {
    this(host, port, dataDir, limits, sandbox, WorkerManager.Settings.defaults(), hostMemoryMb());
  }

  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig("127.0.0.1", DEFAULT_PORT, dataDir, Limits.defaults(), DEFAULT_SANDBOX);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, dataDir, limits, sandbox, environments, memoryMb);
  }

  public ServerConfig withSandbox(String newSandbox) {
    return new ServerConfig(host, port, dataDir, limits, newSandbox, environments, memoryMb);
  }

  public ServerConfig withEnvironments(WorkerManager.Settings settings) {
    return new ServerConfig(host, port, dataDir, limits, sandbox, settings, memoryMb);
  }

  public ServerConfig withMemoryMb(long newMemoryMb) {
    return new ServerConfig(host, port, dataDir, limits, sandbox, environments, newMemoryMb);
  }

  /** What Lambda takes from this configuration. */
  public LambdaService.Settings lambda() {
    return new LambdaService.Settings(limits, sandbox, environments, memoryMb);
  }

  /** The host's physical memory ({@code MemTotal}), in MB; 4 GB where it cannot be read. */
  public static long hostMemoryMb() {
    return LambdaService.Settings.hostMemoryMb();
  }
}
