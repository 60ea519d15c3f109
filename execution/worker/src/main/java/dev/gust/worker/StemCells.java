package dev.gust.worker;

import dev.gust.runtimes.ManagedRuntimes;
import dev.gust.runtimes.RuntimeApiServer;
import dev.gust.runtimes.RuntimeChannel;
import dev.gust.sandbox.Sandbox;
import dev.gust.sandbox.SandboxBackend;
import dev.gust.sandbox.SandboxPaths;
import dev.gust.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stem cells: runtime processes started in their sandbox before any function is known, one spare
 * per runtime, memory size and storage size in use. A cold start takes a cell, links its function's
 * code into the cell's (empty) task root and hands it the function's environment over the Runtime
 * API ({@link RuntimeChannel#specialize}); the runtime then loads the handler as a fresh start
 * would, without the cost of starting a process and an interpreter. The spare is replaced in the
 * background.
 *
 * <p>At most {@link #MAX_SPARES} cells wait at once; beyond that the spare of the shape whose last
 * cold start is the oldest is stopped.
 *
 * <p>Implementation notes. Cells are in no pool of the worker manager and reserve no memory there:
 * they hold a few megabytes until they become an environment, which then counts as any other. A
 * cell whose process has exited is dropped when taken. The pool lock is held only to take or add a
 * cell.
 */
final class StemCells implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StemCells.class.getName());

  /**
   * The most cells waiting at once: the shapes cold-started most recently keep theirs, so that
   * functions of one-off sizes do not leave a runtime each behind.
   */
  static final int MAX_SPARES = 4;

  /** What a cell must match: its runtime, cgroup memory limit and {@code /tmp} size. */
  record Key(String runtime, int memoryMb, int ephemeralStorageMb) {

    static Key of(FunctionSpec spec) {
      return new Key(spec.runtime(), spec.memoryMb(), spec.ephemeralStorageMb());
    }
  }

  /** A waiting cell; {@code output} is where its sandbox's lines go once it is specialized. */
  record Cell(
      Sandbox sandbox,
      RuntimeChannel channel,
      Path taskRoot,
      SandboxPaths paths,
      AtomicReference<Consumer<String>> output) {}

  private final SandboxBackend sandboxes;
  private final RuntimeApiServer runtimeApi;
  private final ManagedRuntimes runtimes;
  private final Path root;
  private final Map<String, String> baseEnvironment;
  private final AtomicLong numbers = new AtomicLong();

  /** Shapes by recent use, least recent first: the spare of the least recent goes first. */
  private final Map<Key, Deque<Cell>> ready = new LinkedHashMap<>(16, 0.75f, true);

  private final Set<Key> starting = new HashSet<>();
  private boolean closed;

  StemCells(
      SandboxBackend sandboxes,
      RuntimeApiServer runtimeApi,
      ManagedRuntimes runtimes,
      Path root,
      Map<String, String> baseEnvironment) {
    this.sandboxes = sandboxes;
    this.runtimeApi = runtimeApi;
    this.runtimes = runtimes;
    this.root = root;
    this.baseEnvironment = Map.copyOf(baseEnvironment);
  }

  /** A live cell for {@code key}, if one is waiting; a spare is started either way. */
  synchronized Optional<Cell> take(Key key) {
    Deque<Cell> pool = ready.getOrDefault(key, new ArrayDeque<>());
    Optional<Cell> found = Optional.empty();
    while (found.isEmpty() && !pool.isEmpty()) {
      Cell cell = pool.pollFirst();
      if (cell.sandbox().exited().isDone()) {
        discard(cell);
      } else {
        found = Optional.of(cell);
      }
    }
    replenish(key);
    evictBeyond(MAX_SPARES);
    return found;
  }

  /** Stops the spares of the least recently used shapes while more than {@code max} wait. */
  private void evictBeyond(int max) {
    int spares = ready.values().stream().mapToInt(Deque::size).sum();
    var shapes = ready.entrySet().iterator();
    while (spares > max && shapes.hasNext()) {
      Deque<Cell> cells = shapes.next().getValue();
      while (!cells.isEmpty() && spares > max) {
        discard(cells.pollFirst());
        spares--;
      }
    }
  }

  /** Starts a spare cell for {@code key} in the background unless one is waiting or starting. */
  private void replenish(Key key) {
    if (closed
        || starting.contains(key)
        || !ready.getOrDefault(key, new ArrayDeque<>()).isEmpty()) {
      return;
    }
    starting.add(key);
    Thread.ofVirtual()
        .name("gust-stem-cell")
        .start(
            () -> {
              Optional<Cell> cell = Optional.empty();
              try {
                cell = start(key);
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot start a stem cell for " + key.runtime(), e);
              }
              synchronized (this) {
                starting.remove(key);
                if (cell.isPresent()) {
                  if (closed) {
                    discard(cell.get());
                  } else {
                    ready.computeIfAbsent(key, k -> new ArrayDeque<>()).add(cell.get());
                    evictBeyond(MAX_SPARES);
                  }
                }
              }
            });
  }

  private Optional<Cell> start(Key key) {
    String name = "cell-" + numbers.incrementAndGet();
    Path taskRoot = root.resolve(name).resolve("task");
    Path tmp = root.resolve(name).resolve("tmp");
    try {
      Files.createDirectories(taskRoot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SandboxPaths paths = sandboxes.paths(taskRoot, runtimes.runtimeDir(), tmp);
    Optional<List<String>> command =
        runtimes.stemCellCommand(key.runtime(), paths.taskRoot(), paths.runtimeDir());
    if (command.isEmpty()) {
      return Optional.empty();
    }
    RuntimeChannel channel = runtimeApi.open();
    try {
      CompletableFuture<Sandbox> started = Admission.ownProcessesOnly(channel);
      Map<String, String> env = new LinkedHashMap<>(baseEnvironment);
      env.put("TMPDIR", paths.tmp());
      env.put("LAMBDA_TASK_ROOT", paths.taskRoot());
      env.put("LAMBDA_RUNTIME_DIR", paths.runtimeDir());
      env.put("AWS_LAMBDA_RUNTIME_API", channel.address());
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(key.memoryMb()));
      env.put(ManagedRuntimes.STEM_CELL, "1");
      AtomicReference<Consumer<String>> output =
          new AtomicReference<>(line -> LOG.fine(() -> name + ": " + line));
      Sandbox sandbox =
          sandboxes.start(
              new SandboxSpec(
                  name,
                  command.get(),
                  env,
                  taskRoot,
                  runtimes.runtimeDir(),
                  tmp,
                  key.memoryMb(),
                  key.ephemeralStorageMb(),
                  false,
                  line -> output.get().accept(line)));
      started.complete(sandbox);
      return Optional.of(new Cell(sandbox, channel, taskRoot, paths, output));
    } catch (RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * How many cells there are: being started, started (held), and among those with their runtime up
   * and waiting to be specialized.
   */
  record Counts(int starting, int held, int up) {}

  synchronized Counts counts() {
    int held = 0;
    int up = 0;
    for (Deque<Cell> cells : ready.values()) {
      for (Cell cell : cells) {
        held++;
        if (cell.channel().awaitingSpecialization().isDone()) {
          up++;
        }
      }
    }
    return new Counts(starting.size(), held, up);
  }

  private static void discard(Cell cell) {
    cell.channel().close();
    cell.sandbox().kill();
  }

  @Override
  public void close() {
    List<Cell> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      ready.values().forEach(all::addAll);
      ready.clear();
    }
    all.forEach(StemCells::discard);
  }
}
