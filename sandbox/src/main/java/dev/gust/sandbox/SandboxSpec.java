package dev.gust.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What to run in a sandbox: the command, its complete environment (nothing is inherited from the
 * node), the task root it runs in, its private {@code /tmp}, its memory limit, and where each line
 * it writes to stdout or stderr goes.
 */
public record SandboxSpec(
    List<String> command,
    Map<String, String> environment,
    Path taskRoot,
    Path tmpDir,
    int memoryMb,
    Consumer<String> output) {

  public SandboxSpec {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }
}
