package dev.gust.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * What a running node says about itself: its gauges at {@code /_gust/metrics} ({@code
 * gust_StemCells}, {@code gust_Environments}), waits on them with a deadline, and how many stem
 * cells it has specialized so far.
 *
 * <p>A specialized cell is counted from the node's data directory: the node starts each cell in an
 * empty task root ({@code work/cells/cell-N/task}) and links the function's code into it when a
 * cold start takes the cell. That is the evidence that a cold start took a cell and did not start a
 * process.
 */
final class NodeState {

  static final String STEM_CELLS = "gust_StemCells";
  static final String ENVIRONMENTS = "gust_Environments";

  /** Where the node starts its stem cells, relative to its data directory. */
  private static final String CELLS = "work/cells";

  private static final Duration POLL = Duration.ofMillis(5);

  private final GustNode node;
  private final Invoker invoker;

  NodeState(GustNode node, Invoker invoker) {
    this.node = node;
    this.invoker = invoker;
  }

  /** The gauge's current value; fails if the node does not expose it. */
  int gauge(String name) {
    String exposition = invoker.metrics();
    return gauge(exposition, name)
        .map(value -> (int) Math.round(value))
        .orElseThrow(() -> new Measurement.Failed("the node exposes no " + name));
  }

  /**
   * The value of an unlabelled sample {@code name} in a Prometheus text exposition ({@code
   * gust_StemCells 1.0}), if there is one.
   */
  static Optional<Double> gauge(String exposition, String name) {
    return exposition
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .map(line -> line.substring(name.length() + 1).trim().split(" ")[0])
        .findFirst()
        .flatMap(NodeState::number);
  }

  private static Optional<Double> number(String text) {
    try {
      return Optional.of(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Polls the gauge until its value satisfies {@code condition} or {@code timeout} passes; returns
   * whether it did.
   */
  boolean awaitGauge(String name, IntPredicate condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(gauge(name))) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(POLL.toNanos());
      if (Thread.interrupted()) {
        throw new Measurement.Failed("interrupted");
      }
    }
    return true;
  }

  /** Stem cells the node has specialized so far: cell task roots that hold code. */
  int specializedCells() {
    Path cells = node.dataDir().resolve(CELLS);
    if (!Files.isDirectory(cells)) {
      return 0;
    }
    try (Stream<Path> dirs = Files.list(cells)) {
      return (int) dirs.map(cell -> cell.resolve("task")).filter(NodeState::holdsSomething).count();
    } catch (IOException | UncheckedIOException e) {
      throw new Measurement.Failed("cannot count the specialized stem cells: " + e);
    }
  }

  private static boolean holdsSomething(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    } catch (IOException | UncheckedIOException e) {
      return false; // not a directory, or gone
    }
  }
}
