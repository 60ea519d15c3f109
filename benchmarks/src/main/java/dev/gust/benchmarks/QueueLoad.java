package dev.gust.benchmarks;

import dev.gust.testkit.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
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

  /** Messages per second of the three phases of one run. */
  record Result(double sendPerSecond, double receiveDeletePerSecond, double mixedPerSecond) {}

  private static final long DEADLINE_NANOS = 300_000_000_000L;

  private final SqsClient sqs;
  private final int producers;
  private final int consumers;
  private final String body;
  private final ExecutorService threads;

  QueueLoad(String endpoint, int producers, int consumers, int bodyBytes) {
    this.sqs = AwsClients.sqs(endpoint, producers + consumers + 2);
    this.producers = producers;
    this.consumers = consumers;
    this.body = "x".repeat(bodyBytes);
    this.threads = Executors.newFixedThreadPool(producers + consumers);
  }

  /** Sends {@code messages}, drains them, then does both at once on a fresh queue. */
  Result run(String queueName, int messages) throws Exception {
    String url = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
    double send = rate(messages, () -> produce(url, messages));
    double drain = rate(messages, () -> consume(url, messages));
    String mixedUrl = sqs.createQueue(r -> r.queueName(queueName + "-mixed")).queueUrl();
    double mixed =
        rate(
            messages,
            () -> {
              List<Future<?>> both = new ArrayList<>();
              both.add(
                  Executors.newVirtualThreadPerTaskExecutor()
                      .submit(
                          () -> {
                            produce(mixedUrl, messages);
                            return null;
                          }));
              consume(mixedUrl, messages);
              for (Future<?> f : both) {
                f.get();
              }
              return null;
            });
    sqs.deleteQueue(r -> r.queueUrl(url));
    sqs.deleteQueue(r -> r.queueUrl(mixedUrl));
    return new Result(send, drain, mixed);
  }

  @FunctionalInterface
  private interface Phase {
    Object run() throws Exception;
  }

  private static double rate(int messages, Phase phase) throws Exception {
    long start = System.nanoTime();
    phase.run();
    return messages / ((System.nanoTime() - start) / 1e9);
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
