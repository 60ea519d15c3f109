package dev.gust.benchmarks;

import dev.gust.delivery.Target;
import dev.gust.testkit.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The asynchronous path: how many events a node accepts durably per second, and how long an event
 * takes from its Invoke to the end of its invocation. Prints a Markdown report; run it with {@code
 * benchmarks/run --suite async [--seconds N] [--connections N] [--rate N]}.
 *
 * <p>Accept: {@code connections} keep-alive connections send {@code InvocationType: Event} as fast
 * as answers come, to a no-op Python function whose reserved concurrency is 0, so that the events
 * are stored and then wait (their processing does not compete for the CPUs); in the same run the
 * same load with {@code DryRun}, which resolves the function and checks the payload like an Event
 * but stores nothing, is the floor. End to end: events sent at a fixed rate to a no-op Python
 * function whose {@code OnSuccess} destination is a queue ARN; the benchmark's own sink, registered
 * for {@code sqs} on the node in place of a queue, notes when each record arrives. The latency is
 * from just before the Invoke is sent to the record's arrival: accept, wait, invoke, route. The
 * events go out over 16 keep-alive connections with the same lean client as the accept load. A
 * five-second run at the same rate first brings up the environments it needs and warms the JIT, and
 * is not reported.
 */
public final class AsyncBenchmark {

  private static final String SINK = "arn:aws:sqs:us-east-1:000000000000:bench-sink";

  /** Connections that send the end-to-end events. */
  private static final int SENDERS = 16;

  private static final Pattern SEQUENCE = Pattern.compile("\"requestPayload\":\\{\"i\":(\\d+)}");

  private AsyncBenchmark() {}

  public static void main(String[] args) {
    int seconds = intOption(args, "--seconds", 10);
    int connections = intOption(args, "--connections", 16);
    int rate = intOption(args, "--rate", 1000);
    try (GustNode node = GustNode.start("process");
        LambdaClient lambda = AwsClients.lambda(node.url())) {
      Workload noop = Workload.of("python");
      node.createActive("stored", noop);
      lambda.putFunctionConcurrency(r -> r.functionName("stored").reservedConcurrentExecutions(0));
      node.createActive("noop", noop);
      lambda.putFunctionEventInvokeConfig(
          r ->
              r.functionName("noop").destinationConfig(d -> d.onSuccess(s -> s.destination(SINK))));

      URI url = URI.create(node.url());
      Load.Plan plan = Load.Plan.timed(Duration.ofSeconds(2), Duration.ofSeconds(seconds));
      progress("accept: DryRun floor, " + connections + " connections");
      Load.Result floor = accept(url, connections, plan, "DryRun");
      progress("accept: Event, " + connections + " connections");
      Load.Result events = accept(url, connections, plan, "Event");
      progress("end to end: warm-up, " + rate + " events/s for 5 s (not reported)");
      endToEnd(node, rate, 5);
      progress("end to end: " + rate + " events/s for " + seconds + " s");
      EndToEnd endToEnd = endToEnd(node, rate, seconds);
      int environments =
          NodeState.gauge(new Invoker(node.url()).metrics(), NodeState.ENVIRONMENTS)
              .orElseThrow()
              .intValue();

      System.out.println("| Measure | Result |");
      System.out.println("|---|---|");
      row("Event accepted (202, stored durably), " + connections + " connections", events);
      row("DryRun floor (same request, nothing stored), " + connections + " connections", floor);
      System.out.printf(
          "| Event / DryRun throughput | %.2f |%n", events.throughput() / floor.throughput());
      System.out.printf(
          "| End to end at %d events/s: sent / completed | %d / %d (%.0f events/s achieved) |%n",
          rate, endToEnd.sent(), endToEnd.latency().count(), endToEnd.achievedRate());
      System.out.printf(
          "| End to end p50 / p99 / mean | %s / %s / %s |%n",
          Stats.ms(endToEnd.latency().p50()),
          Stats.ms(endToEnd.latency().p99()),
          Stats.ms(endToEnd.latency().mean()));
      System.out.printf(
          "| Execution environments after the end-to-end runs | %d |%n", environments);
    }
    System.exit(0);
  }

  private static Load.Result accept(URI url, int connections, Load.Plan plan, String type) {
    Load.Result result =
        Load.run(
            () -> new InvokeConnection(url.getHost(), url.getPort(), "stored", type),
            connections,
            plan);
    result.firstFailure().ifPresent(f -> progress(type + ": first failure: " + f));
    return result;
  }

  private static void row(String what, Load.Result result) {
    System.out.printf(
        "| %s | %.0f/s, p50 %s, p99 %s, %d failed |%n",
        what,
        result.throughput(),
        result.latency().map(s -> Stats.ms(s.p50())).orElse("-"),
        result.latency().map(s -> Stats.ms(s.p99())).orElse("-"),
        result.failed());
  }

  private record EndToEnd(int sent, Stats latency, double achievedRate) {}

  /**
   * Sends {@code rate} events per second, open loop, and waits for their records. Event i is due at
   * {@code i / rate} s; {@link #SENDERS} keep-alive connections, each on a thread of its own, send
   * every {@code SENDERS}-th event, so that a slow accept delays only its own connection's next
   * event.
   */
  private static EndToEnd endToEnd(GustNode node, int rate, int seconds) {
    int total = rate * seconds;
    long[] sentAt = new long[total];
    long[] latency = new long[total];
    AtomicLong arrived = new AtomicLong();
    ConcurrentHashMap<Integer, Boolean> seen = new ConcurrentHashMap<>();
    node.delivery()
        .register(
            Target.Queue.class,
            (queue, message) -> {
              long now = System.nanoTime();
              Matcher matcher = SEQUENCE.matcher(message.body());
              if (matcher.find()) {
                int i = Integer.parseInt(matcher.group(1));
                if (seen.putIfAbsent(i, true) == null) {
                  latency[i] = now - sentAt[i];
                  arrived.incrementAndGet();
                }
              }
            });
    URI url = URI.create(node.url());
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime() + 10_000_000L;
    List<Thread> senders = new ArrayList<>();
    for (int k = 0; k < SENDERS; k++) {
      int first = k;
      senders.add(
          Thread.ofPlatform()
              .name("async-sender-" + k)
              .start(
                  () -> {
                    try (InvokeConnection connection =
                        new InvokeConnection(url.getHost(), url.getPort(), "noop", "Event")) {
                      for (int i = first; i < total; i += SENDERS) {
                        long due = start + i * interval;
                        for (long wait = due - System.nanoTime();
                            wait > 0;
                            wait = due - System.nanoTime()) {
                          LockSupport.parkNanos(wait);
                        }
                        sentAt[i] = System.nanoTime();
                        Optional<String> failure =
                            connection.invoke(
                                ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                        failure.ifPresent(f -> progress("event refused: " + f));
                      }
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }));
    }
    for (Thread sender : senders) {
      try {
        sender.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while sending", e);
      }
    }
    double sendSeconds = (System.nanoTime() - start) / 1e9;
    Instant deadline = Instant.now().plusSeconds(60);
    while (arrived.get() < total && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(10_000_000);
    }
    long[] done = new long[(int) arrived.get()];
    int n = 0;
    for (int i = 0; i < total && n < done.length; i++) {
      if (seen.containsKey(i)) {
        done[n++] = latency[i];
      }
    }
    return new EndToEnd(total, Stats.ofNanos(done), total / sendSeconds);
  }

  private static int intOption(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  private static void progress(String line) {
    System.err.println("[bench] " + line);
  }
}
