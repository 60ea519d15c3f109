package dev.gust.benchmarks;

import java.util.List;

/**
 * What one run of the {@code storm} suite measures: how many distinct functions are invoked at
 * once, on which sandbox backends, and how many invokes warm up this JVM first.
 */
record StormOptions(int functions, List<String> backends, int jvmWarmup) {

  /** One thread and one connection per function; the node's default account limit is 1,000. */
  static final int MAX_FUNCTIONS = 1000;

  static final String USAGE =
      """
      usage: benchmarks/run --suite storm [--functions N] [--backend namespace|process|both]
                                          [--jvm-warmup N]
        --functions   distinct Python functions created first, then invoked all at once, each
                      on a connection of its own (default 200, at most 1000)
        --backend     sandbox backend(s) to measure (default process)
        --jvm-warmup  invokes on a throwaway node first, so that the in-process server is
                      compiled before anything is measured (default 2000)
      """;

  StormOptions {
    backends = List.copyOf(backends);
    if (functions < 1 || functions > MAX_FUNCTIONS) {
      throw new IllegalArgumentException("--functions is between 1 and " + MAX_FUNCTIONS);
    }
    if (jvmWarmup < 0) {
      throw new IllegalArgumentException("--jvm-warmup must not be negative");
    }
  }

  static StormOptions parse(String... args) {
    int functions = 200;
    List<String> backends = List.of("process");
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
        case "--functions" -> functions = ColdOptions.count(flag, value);
        case "--backend" -> backends = Options.backends(value);
        case "--jvm-warmup" -> jvmWarmup = ColdOptions.count(flag, value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new StormOptions(functions, backends, jvmWarmup);
  }
}
