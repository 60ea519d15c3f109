package dev.gust.benchmarks;

import dev.gust.testkit.AwsClients;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * SQS load through the AWS SDK against one endpoint, in batches of ten: producers send {@code
 * SendMessageBatch}, consumers long-poll {@code ReceiveMessage} for ten and acknowledge with {@code
 * DeleteMessageBatch}. Each phase is bounded by its message count and by a deadline.
 */
final class QueueLoad implements AutoCloseable {

  /** One phase: messages per second, and the server's CPU time per message in microseconds. */
  record Phase(double perSecond, double serverCpuMicros) {}

  /** The three phases of one run. */
  record Result(Phase send, Phase receiveDelete, Phase mixed) {}

  private static final long DEADLINE_NANOS = 300_000_000_000L;

  private final SqsClient sqs;
  private final int producers;
  private final int consumers;
  private final String body;
  private final ExecutorService threads;
  private final Predicate<String> serverThreads;

  /**
   * @param serverThreads tells the threads of the server under load by name, whose CPU time each
   *     phase reports per message
   */
  QueueLoad(
      String endpoint,
      int producers,
      int consumers,
      int bodyBytes,
      Predicate<String> serverThreads) {
    this.serverThreads = serverThreads;
    this.sqs = AwsClients.sqs(endpoint, producers + consumers + 2);
    this.producers = producers;
    this.consumers = consumers;
    this.body = "x".repeat(bodyBytes);
    this.threads =
        Executors.newFixedThreadPool(
            producers + consumers, Thread.ofPlatform().name("bench-client-", 0).factory());
  }

  /** Sends {@code messages}, drains them, then does both at once on a fresh queue. */
  Result run(String queueName, int messages) throws Exception {
    String url = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
    Phase send = measure(messages, () -> produce(url, messages));
    Phase drain = measure(messages, () -> consume(url, messages));
    String mixedUrl = sqs.createQueue(r -> r.queueName(queueName + "-mixed")).queueUrl();
    Phase mixed =
        measure(
            messages,
            () -> {
              CompletableFuture<Object> sending = new CompletableFuture<>();
              Thread.ofPlatform()
                  .name("bench-client-mixed")
                  .start(
                      () -> {
                        try {
                          sending.complete(produce(mixedUrl, messages));
                        } catch (Exception e) {
                          sending.completeExceptionally(e);
                        }
                      });
              consume(mixedUrl, messages);
              return sending.get();
            });
    sqs.deleteQueue(r -> r.queueUrl(url));
    sqs.deleteQueue(r -> r.queueUrl(mixedUrl));
    return new Result(send, drain, mixed);
  }

  @FunctionalInterface
  private interface Work {
    Object run() throws Exception;
  }

  private Phase measure(int messages, Work work) throws Exception {
    long cpu = serverCpuNanos();
    long start = System.nanoTime();
    work.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Phase(messages / seconds, (serverCpuNanos() - cpu) / 1000.0 / messages);
  }

  /** CPU time so far of the live threads whose names {@link #serverThreads} accepts. */
  private long serverCpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null && serverThreads.test(info.getThreadName())) {
        long cpu = mx.getThreadCpuTime(info.getThreadId());
        total += Math.max(0, cpu);
      }
    }
    return total;
  }

  private Object produce(String url, int messages) throws Exception {
    AtomicLong batches = new AtomicLong(messages / 10);
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    List<Future<?>> workers = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      workers.add(
          threads.submit(
              () -> {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                  entries.add(
                      SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(body).build());
                }
                while (batches.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                  var result = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
                  if (!result.failed().isEmpty()) {
                    throw new IllegalStateException("send failed: " + result.failed());
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    return null;
  }

  private Object consume(String url, int messages) throws Exception {
    AtomicLong remaining = new AtomicLong(messages);
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    List<Future<?>> workers = new ArrayList<>();
    for (int c = 0; c < consumers; c++) {
      workers.add(
          threads.submit(
              () -> {
                while (remaining.get() > 0 && System.nanoTime() < deadline) {
                  List<Message> received =
                      sqs.receiveMessage(
                              r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                          .messages();
                  if (received.isEmpty()) {
                    continue;
                  }
                  List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                  for (int i = 0; i < received.size(); i++) {
                    entries.add(
                        DeleteMessageBatchRequestEntry.builder()
                            .id("d" + i)
                            .receiptHandle(received.get(i).receiptHandle())
                            .build());
                  }
                  var result = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
                  if (!result.failed().isEmpty()) {
                    throw new IllegalStateException("delete failed: " + result.failed());
                  }
                  remaining.addAndGet(-received.size());
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    if (remaining.get() > 0) {
      throw new IllegalStateException(remaining.get() + " messages were not received in time");
    }
    return null;
  }

  @Override
  public void close() {
    threads.shutdownNow();
    sqs.close();
  }
}
