package dev.gust.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of {@code benchmarks/run}: picks a suite with {@code --suite} and hands it the
 * other arguments. Suites: {@code environments} (the default; {@link InvokeBenchmark}: cold start
 * and warm latency per runtime and backend), {@code warm} ({@link WarmBenchmark}: warm throughput
 * and latency at several connection counts against a floor), {@code cold} ({@link ColdBenchmark}:
 * cold starts with a stem cell against fresh ones), {@code storm} ({@link StormBenchmark}: many
 * distinct functions invoked at once), {@code async} ({@link AsyncBenchmark}: asynchronous accepts
 * and end-to-end latency) and {@code queues} ({@link QueueBenchmark}: SQS throughput against
 * ElasticMQ) and {@code wire} ({@link WireBenchmark}, in JMH: the codec on the SQS send path).
 */
public final class Benchmarks {

  static final List<String> SUITES =
      List.of("environments", "warm", "cold", "storm", "async", "queues", "wire");

  private Benchmarks() {}

  public static void main(String[] args) {
    List<String> rest = new ArrayList<>();
    String suite = "environments";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--suite")) {
        if (i + 1 >= args.length) {
          usage("--suite needs a value: " + String.join(", ", SUITES));
          return;
        }
        suite = args[++i];
      } else {
        rest.add(args[i]);
      }
    }
    String[] suiteArgs = rest.toArray(String[]::new);
    switch (suite) {
      case "environments" -> InvokeBenchmark.main(suiteArgs);
      case "warm" -> WarmBenchmark.main(suiteArgs);
      case "cold" -> ColdBenchmark.main(suiteArgs);
      case "storm" -> StormBenchmark.main(suiteArgs);
      case "async" -> AsyncBenchmark.main(suiteArgs);
      case "queues" -> QueueBenchmark.main(suiteArgs);
      case "wire" -> runJmh(WireBenchmark.class, suiteArgs);
      default -> usage("unknown suite " + suite + "; known: " + String.join(", ", SUITES));
    }
  }

  private static void runJmh(Class<?> benchmark, String[] jmhArgs) {
    try {
      String[] args = new String[jmhArgs.length + 1];
      args[0] = benchmark.getName();
      System.arraycopy(jmhArgs, 0, args, 1, jmhArgs.length);
      org.openjdk.jmh.Main.main(args);
    } catch (Exception e) {
      throw new IllegalStateException("JMH failed", e);
    }
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println(
        "usage: benchmarks/run [--suite " + String.join("|", SUITES) + "] [suite options]");
    System.err.println("       benchmarks/run --suite <suite> --help lists a suite's options");
    System.exit(2);
  }
}
