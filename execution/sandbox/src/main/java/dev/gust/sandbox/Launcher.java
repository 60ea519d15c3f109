package dev.gust.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * Starts the processes of sandboxes, whatever the backend: each joins its cgroups and is tied to
 * the node's life; runtimes give up root (they run as {@code nobody} when the node runs as root).
 *
 * <p>Implementation notes. A process joins its cgroups itself, through a shell that writes its own
 * pid and then execs the rest, so no process of the sandbox ever runs outside them. Processes are
 * started through {@code setpriv --pdeathsig KILL}, so the kernel kills a runtime when the node
 * dies, even by {@code kill -9}. The death signal fires when the thread that forked the child ends,
 * so every fork happens on one dedicated platform thread that lives as long as the node. A v1
 * freezer holds back even SIGKILL, so a small shell outlives the node just long enough to thaw its
 * frozen sandboxes when the node dies.
 */
final class Launcher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Launcher.class.getName());
  private static final String SETPRIV = "/usr/bin/setpriv";
  private static final String SH = "/bin/sh";

  /** The user and group runtimes run as when the node runs as root. */
  static final int NOBODY = 65534;

  private final ExecutorService spawner =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "gust-sandbox-spawner");
            thread.setDaemon(true);
            return thread;
          });
  private final boolean setpriv = Files.isExecutable(Path.of(SETPRIV));
  private final boolean root = isRoot();
  private final Optional<Cgroups> cgroups;
  private final Optional<Process> thawer;

  Launcher(Optional<Cgroups> cgroups) {
    this.cgroups = cgroups;
    if (!setpriv) {
      LOG.warning(SETPRIV + " not found: runtimes may outlive a node that is killed with SIGKILL");
    }
    if (cgroups.isPresent() && !cgroups.get().canFreeze()) {
      LOG.warning("no cgroup freezer: idle sandboxes are not frozen and may use CPU");
    }
    this.thawer = cgroups.flatMap(Cgroups::v1FreezerGroup).flatMap(this::startThawer);
  }

  /**
   * Starts the process that thaws this node's frozen sandboxes when the node dies (it gets SIGTERM
   * as its death signal), so that the death signals pending in them are delivered.
   */
  private Optional<Process> startThawer(Path freezerGroup) {
    if (!setpriv) {
      return Optional.empty();
    }
    String thaw = "for f in '" + freezerGroup + "'/*/freezer.state; do echo THAWED > \"$f\"; done";
    String script =
        "trap '"
            + thaw.replace("'", "'\\''")
            + "; kill $!; exit 0' TERM; "
            + "while :; do sleep 86400 & wait $!; done";
    ProcessBuilder builder =
        new ProcessBuilder(SETPRIV, "--pdeathsig", "TERM", "--", SH, "-c", script)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      return Optional.of(spawner.submit(builder::start).get());
    } catch (ExecutionException e) {
      LOG.warning(
          "cannot start the thawer ("
              + e.getCause().getMessage()
              + "): frozen sandboxes"
              + " may outlive a node killed with SIGKILL until the next start");
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Whether sandbox processes give up root: they run as {@code nobody}. */
  boolean dropsRoot() {
    return root && setpriv;
  }

  /**
   * The command prefix that makes what follows run as {@code nobody} when the node runs as root,
   * for use inside a sandbox; empty otherwise.
   */
  List<String> dropRoot() {
    if (!dropsRoot()) {
      return List.of();
    }
    List<String> prefix = new ArrayList<>(List.of(SETPRIV));
    prefix.addAll(userArguments());
    prefix.addAll(List.of("--no-new-privs", "--"));
    return prefix;
  }

  private static List<String> userArguments() {
    return List.of(
        "--reuid", Integer.toString(NOBODY), "--regid", Integer.toString(NOBODY), "--clear-groups");
  }

  /**
   * Starts {@code command} as the sandbox {@code spec.name()}, in {@code workDir}.
   *
   * @param asNobody whether to give up root before running {@code command} (a backend that gives it
   *     up inside its sandbox passes false)
   */
  ProcessSandbox launch(SandboxSpec spec, List<String> command, Path workDir, boolean asNobody) {
    Optional<Cgroup> cgroup = cgroups.map(c -> c.create(spec.name(), spec.memoryMb()));
    List<String> full = new ArrayList<>();
    cgroup.ifPresent(c -> full.addAll(joinCgroup(c)));
    if (setpriv) {
      full.add(SETPRIV);
      if (asNobody && dropsRoot()) {
        full.addAll(userArguments());
      }
      full.addAll(List.of("--pdeathsig", "KILL", "--"));
    }
    full.addAll(command);
    OutputFile output = null;
    try {
      output = new OutputFile(spec.tmpDir().resolveSibling(spec.name() + ".out"), spec.output());
      ProcessBuilder builder =
          new ProcessBuilder(full)
              .directory(workDir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(output.path().toFile()))
              .redirectError(ProcessBuilder.Redirect.appendTo(output.path().toFile()));
      builder.environment().clear();
      builder.environment().putAll(spec.environment());
      Process process = spawner.submit(builder::start).get();
      return new ProcessSandbox(process, cgroup, output);
    } catch (IOException e) {
      cgroup.ifPresent(Cgroup::remove);
      throw new SandboxException("cannot create the output file of " + spec.name(), e);
    } catch (ExecutionException e) {
      output.close();
      cgroup.ifPresent(Cgroup::remove);
      throw new SandboxException(
          "cannot start " + spec.command() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      output.close();
      cgroup.ifPresent(Cgroup::remove);
      throw new SandboxException("interrupted while starting a sandbox", e);
    }
  }

  /** Makes a directory the sandbox's user may write. */
  void giveToSandbox(Path directory) throws IOException {
    Files.createDirectories(directory);
    if (dropsRoot()) {
      Files.setAttribute(directory, "unix:uid", NOBODY);
      Files.setAttribute(directory, "unix:gid", NOBODY);
    }
  }

  private static List<String> joinCgroup(Cgroup cgroup) {
    StringBuilder script = new StringBuilder();
    for (Path procs : cgroup.procsFiles()) {
      script.append("echo $$ > '").append(procs).append("' && ");
    }
    script.append("exec \"$@\"");
    return List.of(SH, "-c", script.toString(), "sh");
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  @Override
  public void close() {
    thawer.ifPresent(Process::destroy);
    spawner.shutdownNow();
    cgroups.ifPresent(Cgroups::close);
  }
}
