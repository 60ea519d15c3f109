package dev.gust.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What to run in a sandbox: the command and its complete environment (nothing is inherited from the
 * node), both written in terms of {@link SandboxBackend#paths}; the host directories the sandbox is
 * made of; its limits; and where each line it writes to stdout or stderr goes.
 *
 * @param taskRoot the unpacked deployment package on the host, shown read-only
 * @param runtimeDir Gust's bootstraps on the host, shown read-only
 * @param tmpDir the host directory that backs {@code /tmp} where the backend has no private one
 * @param memoryMb the function's memory size: the memory limit, and the CPU share
 * @param tmpMb the function's ephemeral storage: the size of its {@code /tmp}
 * @param preparation whether this is Gust's own preparation of a runtime (such as writing a class
 *     data archive): the runtime directory is writable and the process keeps the node's user
 */
public record SandboxSpec(
    String name,
    List<String> command,
    Map<String, String> environment,
    Path taskRoot,
    Path runtimeDir,
    Path tmpDir,
    int memoryMb,
    int tmpMb,
    boolean preparation,
    Consumer<String> output) {

  public SandboxSpec {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }
}
