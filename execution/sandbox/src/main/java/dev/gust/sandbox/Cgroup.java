package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** The control groups of one sandbox: its limits, its freezer and what the kernel counted. */
final class Cgroup {

  private static final long PERIOD_US = 100_000;

  /** Lambda's largest functions get six vCPUs. */
  private static final int MAX_VCPUS = 6;

  private final Cgroups.Version version;
  private final List<Path> groups;

  Cgroup(Cgroups.Version version, List<Path> groups) {
    this.version = version;
    this.groups = List.copyOf(groups);
  }

  /** The files a process writes its pid to, to join every group of the sandbox. */
  List<Path> procsFiles() {
    return groups.stream().map(g -> g.resolve("cgroup.procs")).toList();
  }

  void limit(int memoryMb) throws IOException {
    long bytes = (long) memoryMb << 20;
    long shares = Math.max(2, (long) memoryMb * 1024 / Cgroups.MB_PER_VCPU);
    long vcpus = Math.min(MAX_VCPUS, Math.max(1, Math.ceilDiv(memoryMb, Cgroups.MB_PER_VCPU)));
    if (version == Cgroups.Version.V2) {
      Path group = groups.getFirst();
      write(group, "memory.max", Long.toString(bytes));
      writeIfPresent(group, "memory.swap.max", "0");
      write(group, "pids.max", Integer.toString(Cgroups.PIDS_MAX));
      writeIfPresent(
          group, "cpu.weight", Long.toString(Math.clamp(shares * 100 / 1024, 1, 10_000)));
      writeIfPresent(group, "cpu.max", vcpus * PERIOD_US + " " + PERIOD_US);
      return;
    }
    for (Path group : groups) {
      switch (controller(group)) {
        case "memory" -> {
          write(group, "memory.limit_in_bytes", Long.toString(bytes));
          writeIfPresent(group, "memory.memsw.limit_in_bytes", Long.toString(bytes));
        }
        case "cpu" -> {
          write(group, "cpu.shares", Long.toString(shares));
          write(group, "cpu.cfs_period_us", Long.toString(PERIOD_US));
          write(group, "cpu.cfs_quota_us", Long.toString(vcpus * PERIOD_US));
        }
        case "pids" -> write(group, "pids.max", Integer.toString(Cgroups.PIDS_MAX));
        default -> {}
      }
    }
  }

  /** Stops every process of the sandbox until {@link #thaw}; they use no CPU meanwhile. */
  void freeze() {
    setFrozen(true);
  }

  void thaw() {
    setFrozen(false);
  }

  private void setFrozen(boolean frozen) {
    try {
      if (version == Cgroups.Version.V2) {
        write(groups.getFirst(), "cgroup.freeze", frozen ? "1" : "0");
        return;
      }
      for (Path group : groups) {
        if (controller(group).equals("freezer")) {
          write(group, "freezer.state", frozen ? "FROZEN" : "THAWED");
        }
      }
    } catch (IOException e) {
      throw new SandboxException("cannot " + (frozen ? "freeze" : "thaw") + " a sandbox", e);
    }
  }

  /** Whether the kernel's OOM killer killed a process of this sandbox. */
  boolean oomKilled() {
    for (Path group : groups) {
      Path events =
          version == Cgroups.Version.V2
              ? group.resolve("memory.events")
              : group.resolve("memory.oom_control");
      if (Files.exists(events) && counter(events, "oom_kill") > 0) {
        return true;
      }
    }
    return false;
  }

  /** The most memory the sandbox has used, where the kernel reports it. */
  OptionalLong peakMemoryBytes() {
    for (Path group : groups) {
      String file = version == Cgroups.Version.V2 ? "memory.peak" : "memory.max_usage_in_bytes";
      if (Files.exists(group.resolve(file))) {
        return Cgroups.readLong(group.resolve(file));
      }
    }
    return OptionalLong.empty();
  }

  /** Kills whatever is left and removes the groups. */
  void remove() {
    thawQuietly();
    for (Path group : groups) {
      Cgroups.deleteTree(group);
    }
  }

  private void thawQuietly() {
    try {
      thaw();
    } catch (SandboxException e) {
      // Removing the group kills what is in it anyway.
    }
  }

  /** Sends SIGKILL to every process listed in a group. */
  static void killAll(Path group) {
    try {
      for (String line : Files.readAllLines(group.resolve("cgroup.procs"))) {
        if (!line.isBlank()) {
          ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The group is gone or empty.
    }
  }

  private static long counter(Path file, String name) {
    try {
      for (String line : Files.readAllLines(file)) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length == 2 && parts[0].equals(name)) {
          return Long.parseLong(parts[1]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /** The v1 controller a group belongs to: the directory under {@code /sys/fs/cgroup}. */
  private static String controller(Path group) {
    return group.getName(3).toString();
  }

  private static void write(Path group, String file, String value) throws IOException {
    Files.writeString(group.resolve(file), value);
  }

  private static void writeIfPresent(Path group, String file, String value) throws IOException {
    if (Files.exists(group.resolve(file))) {
      write(group, file, value);
    }
  }
}
