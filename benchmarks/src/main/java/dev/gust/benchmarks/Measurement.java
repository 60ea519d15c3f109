package dev.gust.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cold and warm measurements of one workload on one running node.
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

  /** Client-observed first-invoke latency and the REPORT line's init duration. */
  record Cold(Stats latency, Optional<Stats> init) {}

  /** Warm invoke latency and the health round trip measured alongside. */
  record Warm(Stats latency, Stats health) {}

  private final GustNode node;
  private final Invoker invoker;

  Measurement(GustNode node, Invoker invoker) {
    this.node = node;
    this.invoker = invoker;
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

  private static Invoker.Result checked(Invoker.Result result, String what) {
    result
        .failure()
        .ifPresent(
            failure -> {
              throw new Failed(what + " failed: " + abbreviate(failure));
            });
    return result;
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }
}
