package dev.gust.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gust.testkit.Await;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Zips;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Every asynchronous event Gust accepted (202) runs, even when the server is killed with SIGKILL
 * while more than ten thousand of them wait: the restart resumes them. The function reports each
 * event it gets to a collector in this test, which counts them; the collector holds its answers
 * until the restart, so that the events running at the kill are cut off mid-invocation.
 */
class AsyncCrashTest {

  private static final String ROLE = "arn:aws:iam::000000000000:role/lambda";
  private static final int EVENTS = 10_500;
  private static final int SENDERS = 16;
  private static final int MIN_IN_FLIGHT_AT_KILL = 10_000;
  private static final String HANDLER =
      """
      import os, urllib.request

      def handler(event, context):
          request = urllib.request.Request(
              os.environ['COLLECTOR'], data=event['id'].encode(), method='POST')
          urllib.request.urlopen(request, timeout=600).read()
      """;

  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

  /** Holds the collector's answers, and so the running invocations, until the restart. */
  private final CountDownLatch held = new CountDownLatch(1);

  @Test
  void everyAcceptedEventRunsAfterSigkill(@TempDir Path dataDir) throws Exception {
    HttpServer collector = collector();
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    int inFlightAtKill;
    int runningAtKill;
    try (GustProcess gust = GustProcess.start(dataDir);
        LambdaClient lambda = AwsClients.lambda(gust.url(), SENDERS)) {
      lambda.createFunction(
          r ->
              r.functionName("sink")
                  .runtime("python3.13")
                  .handler("app.handler")
                  .role(ROLE)
                  .timeout(900)
                  .environment(
                      e ->
                          e.variables(
                              Map.of(
                                  "COLLECTOR",
                                  "http://127.0.0.1:" + collector.getAddress().getPort())))
                  .code(
                      c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("app.py", HANDLER))))));
      AwsClients.waiter(lambda).waitUntilFunctionActiveV2(r -> r.functionName("sink"));
      // Two at a time, and those two hang until the restart: every other event waits.
      lambda.putFunctionConcurrency(r -> r.functionName("sink").reservedConcurrentExecutions(2));
      try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
        IntStream.range(0, EVENTS)
            .forEach(
                i ->
                    senders.submit(
                        () -> {
                          String id = "event-" + i;
                          int status =
                              lambda
                                  .invoke(
                                      r ->
                                          r.functionName("sink")
                                              .invocationType(InvocationType.EVENT)
                                              .payload(
                                                  SdkBytes.fromUtf8String(
                                                      "{\"id\":\"" + id + "\"}")))
                                  .statusCode();
                          if (status == 202) {
                            accepted.add(id);
                          }
                        }));
      }
      runningAtKill = seen.size();
      inFlightAtKill = accepted.size() - runningAtKill;
      assertThat(gust.kill9()).isEqualTo(GustProcess.EXIT_SIGKILL);
    }
    assertThat(accepted).hasSize(EVENTS);
    assertThat(inFlightAtKill).isGreaterThanOrEqualTo(MIN_IN_FLIGHT_AT_KILL);

    held.countDown();
    try (GustProcess gust = GustProcess.start(dataDir);
        LambdaClient lambda = AwsClients.lambda(gust.url())) {
      lambda.putFunctionConcurrency(r -> r.functionName("sink").reservedConcurrentExecutions(8));
      Await.until(
          "every accepted event has run",
          Duration.ofMinutes(5),
          () -> seen.keySet().containsAll(accepted));
    } finally {
      collector.stop(0);
    }
    long duplicates =
        seen.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).count();
    System.out.printf(
        "async crash: %d accepted, %d waiting at SIGKILL, all ran; %d ran more than once%n",
        accepted.size(), inFlightAtKill, duplicates);
    assertThat(seen.keySet()).isEqualTo(accepted);
    // Only the events running at the kill run twice.
    assertThat(duplicates).isLessThanOrEqualTo(runningAtKill);
  }

  private HttpServer collector() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          String id = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
          try {
            held.await(10, TimeUnit.MINUTES);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    return server;
  }
}
