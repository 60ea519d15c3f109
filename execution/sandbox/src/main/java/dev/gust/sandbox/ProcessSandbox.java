package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A sandbox made of a child process of the node, and its cgroup where the host has them. */
final class ProcessSandbox implements Sandbox {

  private final Process process;
  private final Optional<Cgroup> cgroup;
  private final CompletableFuture<Integer> exited;
  private final OutputFile output;

  ProcessSandbox(Process process, Optional<Cgroup> cgroup, OutputFile output) {
    this.process = process;
    this.cgroup = cgroup;
    this.output = output;
    this.exited = process.onExit().thenApply(Process::exitValue);
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public CompletableFuture<Integer> exited() {
    return exited;
  }

  @Override
  public void freeze() {
    if (cgroup.isPresent()) {
      cgroup.get().freeze();
      output.compact();
    }
  }

  @Override
  public void thaw() {
    cgroup.ifPresent(Cgroup::thaw);
  }

  @Override
  public boolean outOfMemory() {
    return cgroup.map(Cgroup::oomKilled).orElse(false);
  }

  @Override
  public OptionalLong peakMemoryBytes() {
    OptionalLong fromCgroup = cgroup.map(Cgroup::peakMemoryBytes).orElse(OptionalLong.empty());
    if (fromCgroup.isPresent()) {
      return fromCgroup;
    }
    long peak = 0;
    for (ProcessHandle handle : tree()) {
      peak += highWaterMark(handle.pid());
    }
    return peak > 0 ? OptionalLong.of(peak) : OptionalLong.empty();
  }

  @Override
  public boolean ownsConnection(int clientPort, int serverPort) {
    OptionalLong inode = Sockets.clientInode(clientPort, serverPort);
    return inode.isPresent()
        && tree().stream().anyMatch(p -> Sockets.holds(p.pid(), inode.getAsLong()));
  }

  @Override
  public void drainOutput() {
    output.drain();
  }

  @Override
  public void shutdown(Duration grace) {
    thawQuietly();
    List<ProcessHandle> tree = tree();
    tree.forEach(ProcessHandle::destroy);
    try {
      exited.get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Past the grace period: kill below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.forEach(ProcessHandle::destroyForcibly);
    cgroup.ifPresent(Cgroup::remove);
    output.close();
  }

  @Override
  public void kill() {
    thawQuietly();
    tree().forEach(ProcessHandle::destroyForcibly);
    cgroup.ifPresent(Cgroup::remove);
    output.close();
  }

  private void thawQuietly() {
    try {
      thaw();
    } catch (SandboxException e) {
      // Killing works on what is left either way once the group is removed.
    }
  }

  private List<ProcessHandle> tree() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    return tree;
  }

  /** VmHWM of one process, in bytes; 0 when unknown. */
  private static long highWaterMark(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
