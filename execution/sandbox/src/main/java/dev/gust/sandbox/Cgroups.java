package dev.gust.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The host's control groups, v1 or v2, as far as this node may use them: one group per sandbox
 * under {@code gust/<node pid>}, limiting memory (no swap), CPU (a share proportional to memory,
 * 1,769 MB = one vCPU) and processes, and freezing idle sandboxes. A missing facility is logged
 * once and skipped; sandboxes then run without it.
 *
 * <p>Implementation notes. A process joins its groups by writing its own pid to each {@code
 * cgroup.procs} before it execs the runtime, so every process of the sandbox is counted from the
 * start. Groups left by a node that died are removed at startup.
 */
final class Cgroups {

  private static final Logger LOG = Logger.getLogger(Cgroups.class.getName());
  private static final Path ROOT = Path.of("/sys/fs/cgroup");

  /** Lambda's limit on processes and threads per execution environment. */
  static final int PIDS_MAX = 1024;

  /** The memory size that Lambda gives one full vCPU. */
  static final int MB_PER_VCPU = 1769;

  enum Version {
    V1,
    V2
  }

  private final Version version;

  /** The node's group per controller (v1) or its one group (v2, under key "unified"). */
  private final List<Path> nodeGroups;

  private final boolean freezer;

  private Cgroups(Version version, List<Path> nodeGroups, boolean freezer) {
    this.version = version;
    this.nodeGroups = nodeGroups;
    this.freezer = freezer;
  }

  /** The cgroups this node can use, or empty (logged) when it can use none. */
  static Optional<Cgroups> detect() {
    String node = Long.toString(ProcessHandle.current().pid());
    try {
      if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
        Path gust = ROOT.resolve("gust");
        Files.createDirectories(gust);
        String available = Files.readString(ROOT.resolve("cgroup.controllers"));
        enable(ROOT, available);
        enable(gust, available);
        removeStale(List.of(gust));
        Path group = gust.resolve(node);
        Files.createDirectories(group);
        enable(group, available);
        return Optional.of(new Cgroups(Version.V2, List.of(group), true));
      }
      if (Files.isDirectory(ROOT.resolve("memory"))) {
        List<Path> groups = new ArrayList<>();
        List<Path> parents = new ArrayList<>();
        for (String controller : List.of("memory", "cpu", "pids", "freezer")) {
          Path parent = ROOT.resolve(controller).resolve("gust");
          if (Files.isDirectory(ROOT.resolve(controller))) {
            Files.createDirectories(parent);
            parents.add(parent);
            groups.add(parent.resolve(node));
          } else {
            LOG.warning(
                "cgroup v1 controller '"
                    + controller
                    + "' is not mounted: sandboxes run"
                    + " without it");
          }
        }
        removeStale(parents);
        for (Path group : groups) {
          Files.createDirectories(group);
        }
        boolean freezer = groups.stream().anyMatch(g -> g.startsWith(ROOT.resolve("freezer")));
        return Optional.of(new Cgroups(Version.V1, List.copyOf(groups), freezer));
      }
      LOG.warning(
          "no cgroup file system at "
              + ROOT
              + ": sandboxes run without memory, CPU and"
              + " process limits, and idle sandboxes are not frozen");
    } catch (IOException | UncheckedIOException e) {
      LOG.warning(
          "cannot use cgroups ("
              + e.getMessage()
              + "): sandboxes run without memory,"
              + " CPU and process limits, and idle sandboxes are not frozen");
    }
    return Optional.empty();
  }

  Version version() {
    return version;
  }

  boolean canFreeze() {
    return freezer;
  }

  /**
   * The v1 freezer group that holds this node's sandboxes, if the node freezes them there. Frozen
   * v1 processes cannot die, not even of SIGKILL, until they are thawed, so whoever outlives the
   * node must thaw this group for the node's death to take its sandboxes with it.
   */
  Optional<Path> v1FreezerGroup() {
    return version == Version.V1
        ? nodeGroups.stream().filter(g -> g.startsWith(ROOT.resolve("freezer"))).findFirst()
        : Optional.empty();
  }

  /** Creates the groups of one sandbox, with its limits set. */
  Cgroup create(String name, int memoryMb) {
    List<Path> groups = new ArrayList<>();
    try {
      for (Path nodeGroup : nodeGroups) {
        Path group = nodeGroup.resolve(name);
        Files.createDirectories(group);
        groups.add(group);
      }
      Cgroup cgroup = new Cgroup(version, groups);
      cgroup.limit(memoryMb);
      return cgroup;
    } catch (IOException e) {
      new Cgroup(version, groups).remove();
      throw new SandboxException("cannot create the cgroup of " + name, e);
    }
  }

  /** Removes this node's groups; called when the node stops. */
  void close() {
    for (Path group : nodeGroups) {
      deleteTree(group);
    }
  }

  private static void enable(Path group, String available) throws IOException {
    StringBuilder wanted = new StringBuilder();
    for (String controller : List.of("memory", "cpu", "pids")) {
      if (available.contains(controller)) {
        wanted.append('+').append(controller).append(' ');
      }
    }
    Files.writeString(group.resolve("cgroup.subtree_control"), wanted.toString().trim());
  }

  /** Removes the groups of nodes that are no longer running, killing what is left in them. */
  private static void removeStale(List<Path> parents) throws IOException {
    for (Path parent : parents) {
      try (Stream<Path> nodes = Files.list(parent)) {
        for (Path node : nodes.filter(Files::isDirectory).toList()) {
          long pid = parsePid(node.getFileName().toString());
          if (pid > 0 && ProcessHandle.of(pid).isEmpty()) {
            deleteTree(node);
          }
        }
      }
    }
  }

  private static long parsePid(String name) {
    try {
      return Long.parseLong(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Removes a group and its children, depth first, killing any process still in them. */
  static void deleteTree(Path group) {
    try {
      if (Files.exists(group.resolve("freezer.state"))) {
        Files.writeString(group.resolve("freezer.state"), "THAWED");
      }
    } catch (IOException e) {
      // Killing below still works on what is not frozen.
    }
    try (Stream<Path> children = Files.list(group)) {
      children.filter(Files::isDirectory).forEach(Cgroups::deleteTree);
    } catch (IOException e) {
      return;
    }
    Cgroup.killAll(group);
    try {
      Files.deleteIfExists(group);
    } catch (IOException e) {
      LOG.fine(() -> "cannot remove cgroup " + group + ": " + e.getMessage());
    }
  }

  static OptionalLong readLong(Path file) {
    try {
      String value = Files.readString(file).trim();
      return value.equals("max") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
