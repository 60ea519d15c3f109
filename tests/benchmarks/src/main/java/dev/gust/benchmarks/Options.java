package dev.gust.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * What one benchmark run measures: the sandbox backends, the runtimes (keys of {@link Workload}),
 * how many cold starts per runtime, how many warm invokes after how many warm-up invokes, how many
 * times each floor process is started, and how many invokes warm up this JVM first.
 */
record Options(
    List<String> backends,
    List<String> runtimes,
    int cold,
    int warm,
    int warmup,
    int floorRuns,
    int jvmWarmup) {

  static final String USAGE =
      """
      usage: benchmarks/run [--suite environments] [--backend namespace|process|both]
                            [--runtimes python,node,java,provided]
                            [--cold N] [--warm N] [--warmup N] [--floor-runs N]
                            [--jvm-warmup N]
        --suite       environments (default): cold start and warm latency per runtime;
                      warm: warm throughput at several connection counts against a floor
                      (benchmarks/run --suite warm --help)
        --backend     sandbox backend(s) to measure (default both)
        --runtimes    runtimes to measure, comma separated (default python,node,java)
        --cold        distinct functions cold-started once each, per runtime (default 30;
                      keep it under ~95: a node holds fewer than 100 environments)
        --warm        sequential warm invokes of one function, per runtime (default 2000)
        --warmup      invokes before the warm measurement (default 300)
        --floor-runs  starts of each bare process and sandbox for the floors (default 20)
        --jvm-warmup  invokes on a throwaway node first, so that the in-process server is
                      compiled before anything is measured (default 5000)
      """;

  Options {
    backends = List.copyOf(backends);
    runtimes = List.copyOf(runtimes);
    if (cold < 1 || warm < 1 || warmup < 0 || floorRuns < 1 || jvmWarmup < 0) {
      throw new IllegalArgumentException("counts must be positive");
    }
  }

  static Options parse(String... args) {
    List<String> backends = List.of("namespace", "process");
    List<String> runtimes = List.of("python", "node", "java");
    int cold = 30;
    int warm = 2000;
    int warmup = 300;
    int floorRuns = 20;
    int jvmWarmup = 5000;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("-h") || flag.equals("--help")) {
        throw new IllegalArgumentException("");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--backend" -> backends = backends(value);
        case "--runtimes" -> runtimes = list(value);
        case "--cold" -> cold = Integer.parseInt(value);
        case "--warm" -> warm = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--floor-runs" -> floorRuns = Integer.parseInt(value);
        case "--jvm-warmup" -> jvmWarmup = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    for (String runtime : runtimes) {
      if (!Workload.KEYS.contains(runtime)) {
        throw new IllegalArgumentException(
            "unknown runtime " + runtime + "; known: " + String.join(",", Workload.KEYS));
      }
    }
    return new Options(backends, runtimes, cold, warm, warmup, floorRuns, jvmWarmup);
  }

  /** {@code --backend}: namespace, process or both (namespace first). */
  static List<String> backends(String value) {
    return switch (value) {
      case "both" -> List.of("namespace", "process");
      case "namespace", "process" -> List.of(value);
      default -> throw new IllegalArgumentException("--backend is namespace, process or both");
    };
  }

  /** A comma-separated list, blanks dropped. */
  static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }
}
