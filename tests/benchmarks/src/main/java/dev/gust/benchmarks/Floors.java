package dev.gust.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process-start floors a cold start is compared against, measured in the same run: each
 * interpreter started bare, and inside a bubblewrap sandbox set up like the namespace backend's
 * (same namespaces and read-only system binds, without the cgroup and the privilege drop). Each is
 * timed from {@link ProcessBuilder#start} to the exit, as the platform starts its runtimes.
 */
final class Floors {

  static final String PYTHON = "/usr/bin/python3";
  static final String NODE = "/usr/bin/node";
  static final String BWRAP = "/usr/bin/bwrap";
  private static final int WARMUP_RUNS = 3;

  /** One measured floor, or why it could not be measured. */
  record Floor(String command, Optional<Stats> stats, String problem) {}

  /** The bare command of each runtime's process start, by {@link Workload} key. */
  static Map<String, List<String>> bareCommands() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("true", List.of("/bin/true"));
    commands.put("python", List.of(PYTHON, "-c", "pass"));
    commands.put("node", List.of(NODE, "-e", "0"));
    commands.put("java", List.of(java, "-version"));
    commands.put("provided", List.of("/bin/sh", "-c", "exec " + PYTHON + " -c pass"));
    return commands;
  }

  /** The same command inside a bubblewrap sandbox like the namespace backend's. */
  static List<String> sandboxed(List<String> command) {
    List<String> bwrap = new ArrayList<>();
    bwrap.addAll(
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
    for (String dir :
        List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc", "/opt")) {
      Path path = Path.of(dir);
      try {
        if (Files.isSymbolicLink(path)) {
          bwrap.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), dir));
        } else if (Files.isDirectory(path)) {
          bwrap.addAll(List.of("--ro-bind", dir, dir));
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the link " + path, e);
      }
    }
    bwrap.addAll(
        List.of("--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev", "--chdir", "/tmp", "--"));
    bwrap.addAll(command);
    return bwrap;
  }

  /** Starts the command {@code runs} times (after a few untimed runs) and times each start. */
  static Floor measure(List<String> command, int runs) {
    String shown =
        command.get(0).equals(BWRAP)
            ? "bwrap … "
                + String.join(" ", command.subList(command.indexOf("--") + 1, command.size()))
            : String.join(" ", command);
    try {
      for (int i = 0; i < WARMUP_RUNS; i++) {
        run(command);
      }
      long[] nanos = new long[runs];
      for (int i = 0; i < runs; i++) {
        nanos[i] = run(command);
      }
      return new Floor(shown, Optional.of(Stats.ofNanos(nanos)), "");
    } catch (IOException | IllegalStateException e) {
      return new Floor(shown, Optional.empty(), e.getMessage());
    }
  }

  private static long run(List<String> command) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    Process process = builder.start();
    int status;
    try {
      status = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    long nanos = System.nanoTime() - start;
    if (status != 0) {
      throw new IllegalStateException("exited with status " + status);
    }
    return nanos;
  }

  private Floors() {}
}
