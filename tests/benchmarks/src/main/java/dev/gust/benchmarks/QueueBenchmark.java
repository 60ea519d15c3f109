package dev.gust.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The {@code queues} suite: SQS throughput through the AWS SDK, batches of ten, on a Gust node
 * (durable: every acknowledged send and delete is fsynced) and, in the same run and JVM, on
 * ElasticMQ (in memory, its default) as the peer. Three phases per run: send only, receive and
 * delete only, and both at once. Prints a Markdown report; progress goes to stderr.
 */
final class QueueBenchmark {

  static final String USAGE =
      """
      usage: benchmarks/run --suite queues [--messages N] [--producers N] [--consumers N]
                            [--body-bytes N] [--rounds N] [--warmup N]
        --messages    messages per phase and run (default 100000)
        --producers   threads sending batches of 10 (default 32)
        --consumers   threads receiving 10 and deleting them in a batch (default 32)
        --body-bytes  size of each message body (default 256)
        --rounds      measured runs per target, alternating targets; the best is kept (default 3)
        --warmup      messages of one unmeasured run per target first (default 50000)
      """;

  private record Options(
      int messages, int producers, int consumers, int bodyBytes, int rounds, int warmup) {}

  private QueueBenchmark() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    try {
      run(options);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(Options o) throws Exception {
    SQSRestServer elasticMq =
        SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int peerPort = elasticMq.waitUntilStarted().localAddress().getPort();
    try (GustNode gust = GustNode.start("process");
        QueueLoad onGust =
            new QueueLoad(
                gust.url(), o.producers(), o.consumers(), o.bodyBytes(), QueueBenchmark::gust);
        QueueLoad onPeer =
            new QueueLoad(
                "http://127.0.0.1:" + peerPort,
                o.producers(),
                o.consumers(),
                o.bodyBytes(),
                name -> name.startsWith("elasticmq"))) {
      if (o.warmup() > 0) {
        progress("warming up Gust");
        onGust.run("warmup", o.warmup());
        progress("warming up ElasticMQ");
        onPeer.run("warmup", o.warmup());
      }
      List<QueueLoad.Result> gustRuns = new ArrayList<>();
      List<QueueLoad.Result> peerRuns = new ArrayList<>();
      for (int round = 1; round <= o.rounds(); round++) {
        progress("round " + round + ": Gust");
        gustRuns.add(onGust.run("bench-" + round, o.messages()));
        progress("round " + round + ": ElasticMQ");
        peerRuns.add(onPeer.run("bench-" + round, o.messages()));
      }
      System.out.print(report(o, best(gustRuns), best(peerRuns), gustRuns, peerRuns));
    } finally {
      elasticMq.stopAndWait();
    }
  }

  /**
   * The threads of the Gust node: its own ({@code gust-*}: HTTP selectors, timer, commit thread)
   * and the carriers of virtual threads, on which its request handlers run (the load generator runs
   * on platform threads).
   */
  private static boolean gust(String thread) {
    return thread.startsWith("gust-") || thread.startsWith("ForkJoinPool-");
  }

  /** Per phase, the run with the highest throughput. */
  private static QueueLoad.Result best(List<QueueLoad.Result> runs) {
    return new QueueLoad.Result(
        best(runs, QueueLoad.Result::send),
        best(runs, QueueLoad.Result::receiveDelete),
        best(runs, QueueLoad.Result::mixed));
  }

  private static QueueLoad.Phase best(
      List<QueueLoad.Result> runs,
      java.util.function.Function<QueueLoad.Result, QueueLoad.Phase> phase) {
    return runs.stream()
        .map(phase)
        .max(java.util.Comparator.comparingDouble(QueueLoad.Phase::perSecond))
        .orElseThrow();
  }

  private static String report(
      Options o,
      QueueLoad.Result gust,
      QueueLoad.Result peer,
      List<QueueLoad.Result> gustRuns,
      List<QueueLoad.Result> peerRuns) {
    StringBuilder out = new StringBuilder();
    out.append("## Queues: SQS throughput, batches of 10\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%d messages of %d bytes per phase, %d producers, %d consumers, AWS SDK for Java %s"
                + " (sync, Apache client), client and servers in one JVM on %d cores; best of %d"
                + " runs. Gust: durable (SQLite WAL, synchronous=FULL, group commit). ElasticMQ"
                + " 1.6.14: in memory.%n%n",
            o.messages(),
            o.bodyBytes(),
            o.producers(),
            o.consumers(),
            "2.51.3",
            Runtime.getRuntime().availableProcessors(),
            o.rounds()));
    out.append(
        "| Phase | Gust msg/s | ElasticMQ msg/s | Gust / ElasticMQ | Gust server CPU µs/msg |"
            + " ElasticMQ server CPU µs/msg | ElasticMQ / Gust CPU |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    row(out, "send (SendMessageBatch)", gust.send(), peer.send());
    row(
        out,
        "receive + delete (ReceiveMessage 10, DeleteMessageBatch)",
        gust.receiveDelete(),
        peer.receiveDelete());
    row(out, "send and receive + delete at once", gust.mixed(), peer.mixed());
    out.append(
        "\nServer CPU: CPU time of the server's threads during the phase (for Gust its own threads"
            + " and the carriers of its virtual threads; for ElasticMQ its actor system's), per"
            + " message. The load generator's SDK clients share the same two cores.\n");
    out.append("\nAll runs (send / receive+delete / mixed, msg/s):\n\n");
    for (int i = 0; i < gustRuns.size(); i++) {
      out.append(
          String.format(
              Locale.ROOT,
              "- run %d: Gust %s; ElasticMQ %s%n",
              i + 1,
              triple(gustRuns.get(i)),
              triple(peerRuns.get(i))));
    }
    return out.toString();
  }

  private static String triple(QueueLoad.Result r) {
    return String.format(
        Locale.ROOT,
        "%.0f / %.0f / %.0f",
        r.send().perSecond(),
        r.receiveDelete().perSecond(),
        r.mixed().perSecond());
  }

  private static void row(
      StringBuilder out, String phase, QueueLoad.Phase gust, QueueLoad.Phase peer) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %.0f | %.0f | %.2f× | %.0f | %.0f | %.2f× |%n",
            phase,
            gust.perSecond(),
            peer.perSecond(),
            gust.perSecond() / peer.perSecond(),
            gust.serverCpuMicros(),
            peer.serverCpuMicros(),
            peer.serverCpuMicros() / gust.serverCpuMicros()));
  }

  private static void progress(String text) {
    System.err.println("[bench] " + text);
  }

  private static Options parse(String... args) {
    int messages = 100_000;
    int producers = 32;
    int consumers = 32;
    int bodyBytes = 256;
    int rounds = 3;
    int warmup = 50_000;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("-h") || flag.equals("--help")) {
        throw new IllegalArgumentException("");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      int value = Integer.parseInt(args[++i]);
      switch (flag) {
        case "--messages" -> messages = value;
        case "--producers" -> producers = value;
        case "--consumers" -> consumers = value;
        case "--body-bytes" -> bodyBytes = value;
        case "--rounds" -> rounds = value;
        case "--warmup" -> warmup = value;
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (messages < 10 || producers < 1 || consumers < 1 || bodyBytes < 1 || rounds < 1) {
      throw new IllegalArgumentException("counts must be positive (--messages at least 10)");
    }
    return new Options(messages, producers, consumers, bodyBytes, rounds, warmup);
  }
}
