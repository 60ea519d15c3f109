package dev.gust.benchmarks;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one run of the {@code warm} suite measures: the connection counts (each is one table row per
 * target), how long each row is measured, how long each target is warmed up first, and the sandbox
 * backends Gust is measured on.
 */
record WarmOptions(
    List<Integer> connections, Duration window, Duration warmup, List<String> backends) {

  static final String USAGE =
      """
      usage: benchmarks/run --suite warm [--connections 1,16] [--seconds S] [--warmup S]
                                         [--backend namespace|process|both]
        --connections  closed-loop connections per measurement, comma separated (default 1,16);
                       the floor gets one runtime per connection, Gust is primed with as many
                       concurrent invokes as the largest count
        --seconds      measured seconds per target and connection count (default 10)
        --warmup       seconds of untimed load at the largest count before a target's first
                       measurement (default 5); each measurement also starts with 1 s untimed
        --backend      sandbox backend(s) Gust is measured on (default both)
      """;

  WarmOptions {
    connections = List.copyOf(connections);
    backends = List.copyOf(backends);
    if (connections.isEmpty() || connections.stream().anyMatch(c -> c < 1 || c > 256)) {
      throw new IllegalArgumentException("--connections are between 1 and 256");
    }
    if (!window.isPositive() || warmup.isNegative()) {
      throw new IllegalArgumentException("--seconds must be positive, --warmup not negative");
    }
  }

  /** The largest connection count: how many environments Gust is primed with. */
  int maxConnections() {
    return Collections.max(connections);
  }

  static WarmOptions parse(String... args) {
    List<Integer> connections = List.of(1, 16);
    Duration window = Duration.ofSeconds(10);
    Duration warmup = Duration.ofSeconds(5);
    List<String> backends = List.of("process", "namespace");
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
        case "--connections" -> connections = counts(value);
        case "--seconds" -> window = seconds(flag, value);
        case "--warmup" -> warmup = seconds(flag, value);
        case "--backend" -> backends = backends(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new WarmOptions(connections, window, warmup, backends);
  }

  private static List<Integer> counts(String value) {
    List<Integer> counts = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        try {
          counts.add(Integer.parseInt(item.trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--connections is a list of counts: " + value);
        }
      }
    }
    return counts;
  }

  private static Duration seconds(String flag, String value) {
    try {
      return Duration.ofMillis(new BigDecimal(value).movePointRight(3).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(flag + " is a number of seconds: " + value);
    }
  }

  private static List<String> backends(String value) {
    return switch (value) {
      case "both" -> List.of("process", "namespace");
      case "namespace", "process" -> List.of(value);
      default -> throw new IllegalArgumentException("--backend is namespace, process or both");
    };
  }
}
