package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Runs a runtime as a plain child process of the node, for hosts where the namespace backend cannot
 * run: no private file system view, no private process table. cgroups and the drop from root to
 * {@code nobody} still apply where the host allows them. Gust logs a warning when it is used.
 */
public final class ProcessBackend implements SandboxBackend {

  private static final Logger LOG = Logger.getLogger(ProcessBackend.class.getName());

  private final Launcher launcher;

  public ProcessBackend() {
    this(new Launcher(Cgroups.detect()));
  }

  ProcessBackend(Launcher launcher) {
    this.launcher = launcher;
    LOG.warning(
        "sandbox backend 'process': runtimes run as plain child processes, without namespace"
            + " isolation");
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public SandboxPaths paths(Path taskRoot, Path runtimeDir, Path tmpDir) {
    return new SandboxPaths(taskRoot.toString(), runtimeDir.toString(), tmpDir.toString());
  }

  @Override
  public Sandbox start(SandboxSpec spec) {
    try {
      launcher.giveToSandbox(spec.tmpDir());
    } catch (IOException e) {
      throw new SandboxException("cannot prepare the sandbox's /tmp", e);
    }
    return launcher.launch(spec, spec.command(), spec.taskRoot(), !spec.preparation());
  }

  @Override
  public void close() {
    launcher.close();
  }
}
