package dev.gust.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cold and warm measurements of one workload on one running node.
 *
 * <p>Prime: one untimed cold start, then, for a runtime the node prepares in the background at its
 * first cold start (Java's class-data archive), a wait until that is done, so that the cold starts
 * measured next are the node's steady state and do not compete with the preparation for the CPUs.
 *
 * <p>Cold: {@code n} distinct functions with the same code are created and made Active first, then
 * each is invoked once, sequentially; every one of those invokes creates an environment. Warm: one
 * function, warmed up, then invoked sequentially, each invoke followed by a health check on the
 * same connection so that both see the same noise.
 */
final class Measurement {

  /** Why a workload could not be measured. */
  static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  /** The untimed first cold start, and how long after it the runtime's preparation appeared. */
  record Prime(double firstColdMs, Optional<Double> preparedAfterMs) {}

  /** Client-observed first-invoke latency and the REPORT line's init duration. */
  record Cold(Stats latency, Optional<Stats> init) {}

  /** Warm invoke latency and the health round trip measured alongside. */
  record Warm(Stats latency, Stats health) {}

  private static final Duration PREPARATION_WAIT = Duration.ofMinutes(3);
  private static final Duration POLL = Duration.ofMillis(100);

  private final GustNode node;
  private final Invoker invoker;

  Measurement(GustNode node, Invoker invoker) {
    this.node = node;
    this.invoker = invoker;
  }

  Prime prime(Workload workload) {
    String name = "prime-" + workload.key();
    node.createActive(name, workload);
    long start = System.nanoTime();
    Invoker.Result first = checked(invoker.invoke(name, false), "first cold start");
    if (workload.prepared().isEmpty()) {
      return new Prime(first.nanos() / 1e6, Optional.empty());
    }
    PathMatcher prepared = FileSystems.getDefault().getPathMatcher("glob:" + workload.prepared());
    long deadline = start + PREPARATION_WAIT.toNanos();
    while (!exists(node.dataDir(), prepared)) {
      if (System.nanoTime() > deadline) {
        throw new Failed(
            "the node did not prepare " + workload.prepared() + " within " + PREPARATION_WAIT);
      }
      pause();
    }
    return new Prime(first.nanos() / 1e6, Optional.of((System.nanoTime() - start) / 1e6));
  }

  private static boolean exists(Path root, PathMatcher matcher) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.anyMatch(file -> matcher.matches(root.relativize(file)));
    } catch (IOException | UncheckedIOException e) {
      return false; // files come and go while the node works
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed("interrupted");
    }
  }

  Cold cold(Workload workload, int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = "cold-" + workload.key() + "-" + i;
      node.createActive(name, workload);
      names.add(name);
    }
    long[] nanos = new long[n];
    List<Double> inits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Invoker.Result result = checked(invoker.invoke(names.get(i), true), "cold start");
      nanos[i] = result.nanos();
      result.initMs().ifPresent(inits::add);
    }
    Optional<Stats> init =
        inits.isEmpty()
            ? Optional.empty()
            : Optional.of(
                Stats.ofMillis(inits.stream().mapToDouble(Double::doubleValue).toArray()));
    return new Cold(Stats.ofNanos(nanos), init);
  }

  Warm warm(Workload workload, int warmup, int n) {
    String name = "warm-" + workload.key();
    node.createActive(name, workload);
    for (int i = 0; i < warmup; i++) {
      checked(invoker.invoke(name, false), "warm-up invoke");
      invoker.health();
    }
    long[] invokes = new long[n];
    long[] health = new long[n];
    for (int i = 0; i < n; i++) {
      invokes[i] = checked(invoker.invoke(name, false), "warm invoke").nanos();
      health[i] = invoker.health();
    }
    return new Warm(Stats.ofNanos(invokes), Stats.ofNanos(health));
  }

  /** The result, or {@link Failed} naming {@code what} and the failure. */
  static Invoker.Result checked(Invoker.Result result, String what) {
    result
        .failure()
        .ifPresent(
            failure -> {
              throw new Failed(what + " failed: " + abbreviate(failure));
            });
    return result;
  }

  /** The text on one line, cut at 300 characters. */
  static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }
}
