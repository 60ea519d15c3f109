package dev.gust.benchmarks;

import java.util.List;

/**
 * What one run of the {@code cold} suite measures: the sandbox backends, the runtimes (keys of
 * {@link Workload} that the node starts stem cells for), how many cold starts of each kind (with a
 * stem cell, and fresh), and how many invokes warm up this JVM first.
 */
record ColdOptions(List<String> backends, List<String> runtimes, int cold, int jvmWarmup) {

  /** The runtimes whose cold starts can take a stem cell on the reference machine. */
  static final List<String> RUNTIMES = List.of("python", "node", "java17");

  /** The most cold starts of each kind: the fresh ones take MemorySize 130 MB and up. */
  static final int MAX_COLD = 200;

  static final String USAGE =
      """
      usage: benchmarks/run --suite cold [--runtimes python,node,java17] [--cold N]
                                         [--backend namespace|process|both] [--jvm-warmup N]
        --runtimes    runtimes to measure, comma separated (default python,node,java17: those the
                      node starts stem cells for; java17 runs on a JDK 17 to 24)
        --cold        cold starts of each kind per runtime (default 20, at most 200): with a stem
                      cell of the function's shape waiting, and fresh (a MemorySize no cell has)
        --backend     sandbox backend(s) to measure (default both)
        --jvm-warmup  invokes on a throwaway node first, so that the in-process server is
                      compiled before anything is measured (default 2000)
      """;

  ColdOptions {
    backends = List.copyOf(backends);
    runtimes = List.copyOf(runtimes);
    if (cold < 1 || cold > MAX_COLD) {
      throw new IllegalArgumentException("--cold is between 1 and " + MAX_COLD);
    }
    if (jvmWarmup < 0) {
      throw new IllegalArgumentException("--jvm-warmup must not be negative");
    }
    if (runtimes.isEmpty()) {
      throw new IllegalArgumentException("--runtimes names at least one runtime");
    }
    for (String runtime : runtimes) {
      if (!RUNTIMES.contains(runtime)) {
        throw new IllegalArgumentException(
            "runtime " + runtime + " has no stem cells here; known: " + String.join(",", RUNTIMES));
      }
    }
  }

  static ColdOptions parse(String... args) {
    List<String> backends = List.of("namespace", "process");
    List<String> runtimes = RUNTIMES;
    int cold = 20;
    int jvmWarmup = 2000;
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
        case "--backend" -> backends = Options.backends(value);
        case "--runtimes" -> runtimes = Options.list(value);
        case "--cold" -> cold = count(flag, value);
        case "--jvm-warmup" -> jvmWarmup = count(flag, value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new ColdOptions(backends, runtimes, cold, jvmWarmup);
  }

  static int count(String flag, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " is a count: " + value);
    }
  }
}
