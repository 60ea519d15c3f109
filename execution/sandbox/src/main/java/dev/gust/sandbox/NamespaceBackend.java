package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs each runtime in its own Linux namespaces through bubblewrap: a private mount namespace
 * showing the host's system directories read-only, the task root read-only at {@code /var/task},
 * Gust's bootstraps read-only at {@code /var/runtime} and a private {@code /tmp} capped at the
 * function's ephemeral storage; private pid, ipc and uts namespaces; the host's network, as Lambda
 * functions reach the network. Nothing else of the host is visible: not the node's data directory,
 * not other sandboxes. bubblewrap sets the sandbox up with the node's privileges; the runtime then
 * runs as {@code nobody} when the node runs as root.
 */
public final class NamespaceBackend implements SandboxBackend {

  static final String BWRAP = "/usr/bin/bwrap";
  private static final String TASK = "/var/task";
  private static final String RUNTIME = "/var/runtime";

  /** Host directories every runtime needs, shown read-only (symbolic links stay links). */
  private static final List<String> SYSTEM =
      List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt");

  private final Launcher launcher;

  private NamespaceBackend(Launcher launcher) {
    this.launcher = launcher;
  }

  /**
   * The namespace backend if this host can run it, checked by starting one sandbox; empty with the
   * reason otherwise.
   */
  public static Optional<NamespaceBackend> create(Path scratch, StringBuilder whyNot) {
    if (!Files.isExecutable(Path.of(BWRAP))) {
      whyNot.append(BWRAP).append(" is not installed (Debian package bubblewrap)");
      return Optional.empty();
    }
    Launcher launcher = new Launcher(Cgroups.detect());
    NamespaceBackend backend = new NamespaceBackend(launcher);
    String problem = backend.probe(scratch);
    if (problem.isEmpty()) {
      return Optional.of(backend);
    }
    launcher.close();
    whyNot.append(problem);
    return Optional.empty();
  }

  /** Starts {@code /bin/true} in a sandbox; the empty string if that worked, else why not. */
  private String probe(Path scratch) {
    try {
      Files.createDirectories(scratch);
      StringBuilder output = new StringBuilder();
      SandboxSpec spec =
          new SandboxSpec(
              "probe-" + ProcessHandle.current().pid(),
              List.of("/bin/true"),
              Map.of("PATH", "/usr/bin:/bin"),
              scratch,
              scratch,
              scratch,
              128,
              16,
              false,
              line -> output.append(line).append('\n'));
      try (Sandbox sandbox = start(spec)) {
        int status = sandbox.exited().get(10, TimeUnit.SECONDS);
        sandbox.drainOutput();
        return status == 0 ? "" : "bubblewrap failed: " + output.toString().trim();
      }
    } catch (Exception e) {
      return "bubblewrap failed: " + e.getMessage();
    }
  }

  @Override
  public String name() {
    return "namespace";
  }

  @Override
  public SandboxPaths paths(Path taskRoot, Path runtimeDir, Path tmpDir) {
    return new SandboxPaths(TASK, RUNTIME, "/tmp");
  }

  @Override
  public Sandbox start(SandboxSpec spec) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            BWRAP,
            "--die-with-parent",
            "--new-session",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--hostname",
            "localhost"));
    for (String dir : SYSTEM) {
      Path path = Path.of(dir);
      if (Files.isSymbolicLink(path)) {
        command.addAll(List.of("--symlink", readLink(path), dir));
      } else if (Files.isDirectory(path)) {
        command.addAll(List.of("--ro-bind", dir, dir));
      }
    }
    command.addAll(
        List.of(
            "--perms",
            "0755",
            "--dir",
            "/var",
            "--ro-bind",
            spec.taskRoot().toString(),
            TASK,
            spec.preparation() ? "--bind" : "--ro-bind",
            spec.runtimeDir().toString(),
            RUNTIME,
            "--perms",
            "1777",
            "--size",
            Long.toString((long) spec.tmpMb() << 20),
            "--tmpfs",
            "/tmp",
            "--proc",
            "/proc",
            "--dev",
            "/dev",
            "--chdir",
            TASK,
            "--"));
    if (!spec.preparation()) {
      command.addAll(launcher.dropRoot());
    }
    command.addAll(spec.command());
    return launcher.launch(spec, command, spec.taskRoot(), false);
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      throw new SandboxException("cannot read the link " + link, e);
    }
  }

  @Override
  public void close() {
    launcher.close();
  }
}
