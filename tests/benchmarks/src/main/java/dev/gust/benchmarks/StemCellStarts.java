package dev.gust.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cold starts of one workload on one running node, two ways: taking a stem cell of the function's
 * shape, and starting a fresh runtime process because no cell has the shape.
 *
 * <p>Priming: the runtime's first cold start ({@link Measurement#prime}, which also waits for what
 * the node prepares in the background, such as Java's class-data archive); it starts the first cell
 * of the default shape. That cell was started before the preparation was done, so one untimed cold
 * start takes it, and the cells measured are all started after it.
 *
 * <p>With a stem cell: {@code n} new functions of the default shape (128 MB, 512 MB of ephemeral
 * storage), each invoked once after {@code gust_StemCells} reads at least 1, that is after the
 * spare that the previous cold start set going is up and waiting. Fresh: {@code n} functions with
 * MemorySize 130, 131, ... MB, so that no cell matches; each cold start still sets a spare of its
 * own shape going, so the next one is invoked only once that spare is up (or after {@link
 * #SETTLE_TIMEOUT}). Either way every measured cold start runs alongside one background cell start,
 * and none runs alongside the previous one's.
 */
final class StemCellStarts {

  /** Sizes of the fresh functions start here: the default 128 MB is the cells' shape. */
  static final int FRESH_MEMORY_MB = 130;

  /** How long a cell may take to come up before the run gives up (Java's take a few seconds). */
  private static final Duration CELL_TIMEOUT = Duration.ofMinutes(2);

  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The cold starts of one kind: client-observed latency, the REPORT line's Init Duration, how many
   * stem cells the node specialized meanwhile, and after how many of them the background cell start
   * was not awaited because it took longer than {@link #SETTLE_TIMEOUT}.
   */
  record Phase(Stats latency, Optional<Stats> init, int specialized, int unsettled) {}

  /** The priming cold start and both kinds of measured cold starts. */
  record Result(Measurement.Prime prime, Phase cell, Phase fresh) {}

  private final GustNode node;
  private final Invoker invoker;
  private final NodeState state;

  StemCellStarts(GustNode node, Invoker invoker) {
    this.node = node;
    this.invoker = invoker;
    this.state = new NodeState(node, invoker);
  }

  Result measure(Workload workload, int n) {
    Measurement.Prime prime = new Measurement(node, invoker).prime(workload);
    String flush = "flush-" + workload.key();
    node.createActive(flush, workload);
    awaitCell();
    Measurement.checked(invoker.invoke(flush, false), "untimed cold start");
    List<String> cellNames = new ArrayList<>();
    List<String> freshNames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      cellNames.add("cell-" + workload.key() + "-" + i);
      node.createActive(cellNames.getLast(), workload);
      freshNames.add("fresh-" + workload.key() + "-" + i);
      node.createActive(freshNames.getLast(), workload, FRESH_MEMORY_MB + i);
    }
    Phase cell = withCells(cellNames);
    awaitCell(); // the last cold start's spare, so that the fresh ones start on a quiet node
    Phase fresh = fresh(freshNames);
    return new Result(prime, cell, fresh);
  }

  private Phase withCells(List<String> names) {
    int before = state.specializedCells();
    Samples samples = new Samples(names.size());
    for (String name : names) {
      awaitCell();
      samples.add(Measurement.checked(invoker.invoke(name, true), "cold start with a stem cell"));
    }
    return samples.phase(state.specializedCells() - before, 0);
  }

  private Phase fresh(List<String> names) {
    int before = state.specializedCells();
    Samples samples = new Samples(names.size());
    int unsettled = 0;
    for (String name : names) {
      int waiting = state.gauge(NodeState.STEM_CELLS);
      samples.add(Measurement.checked(invoker.invoke(name, true), "fresh cold start"));
      if (!state.awaitGauge(NodeState.STEM_CELLS, cells -> cells > waiting, SETTLE_TIMEOUT)) {
        unsettled++;
      }
    }
    return samples.phase(state.specializedCells() - before, unsettled);
  }

  private void awaitCell() {
    if (!state.awaitGauge(NodeState.STEM_CELLS, cells -> cells >= 1, CELL_TIMEOUT)) {
      throw new Measurement.Failed("no stem cell was waiting after " + CELL_TIMEOUT);
    }
  }

  /** The latencies and init durations of one phase's cold starts. */
  private static final class Samples {
    private final long[] nanos;
    private final List<Double> inits = new ArrayList<>();
    private int count;

    Samples(int n) {
      nanos = new long[n];
    }

    void add(Invoker.Result result) {
      nanos[count++] = result.nanos();
      result.initMs().ifPresent(inits::add);
    }

    Phase phase(int specialized, int unsettled) {
      Optional<Stats> init =
          inits.isEmpty()
              ? Optional.empty()
              : Optional.of(
                  Stats.ofMillis(inits.stream().mapToDouble(Double::doubleValue).toArray()));
      return new Phase(Stats.ofNanos(nanos), init, specialized, unsettled);
    }
  }
}
