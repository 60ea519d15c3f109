package dev.gust.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * What the queues acknowledged survives a SIGKILL: every message whose send was answered is there
 * after a restart, and no message whose delete was answered comes back, including sends racing the
 * kill.
 */
class QueueCrashTest {

  private static final int WRITERS = 4;
  private static final int ACKS_BEFORE_KILL = 100;

  @Test
  void acknowledgedSendsAndDeletesSurviveSigkill(@TempDir Path dataDir) throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> deleted = new HashSet<>();
    try (GustProcess gust = GustProcess.start(dataDir);
        SqsClient sqs = client(gust.url())) {
      String url =
          sqs.createQueue(
                  r ->
                      r.queueName("crash")
                          .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
              .queueUrl();
      for (int i = 0; i < 20; i++) {
        int batch = i;
        sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries("before-" + batch)));
        entries("before-" + batch).forEach(e -> acknowledged.add(e.messageBody()));
      }
      while (deleted.size() < 50) {
        for (Message m :
            sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages()) {
          sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
          deleted.add(m.body());
        }
      }

      int status = sendConcurrentlyAndKill(gust, url, acknowledged);
      assertThat(status).as(gust.describe()).isEqualTo(GustProcess.EXIT_SIGKILL);
    }

    try (GustProcess gust = GustProcess.start(dataDir);
        SqsClient sqs = client(gust.url())) {
      String url = sqs.getQueueUrl(r -> r.queueName("crash")).queueUrl();
      List<String> drained = drain(sqs, url);

      assertThat(new HashSet<>(drained))
          .as("every acknowledged, undeleted message")
          .containsAll(acknowledged.stream().filter(b -> !deleted.contains(b)).toList());
      assertThat(drained).as("no acknowledged delete undone").doesNotContainAnyElementsOf(deleted);
      assertThat(drained).doesNotHaveDuplicates();
      gust.terminate();
    }
  }

  /** Four writers send batches until enough are acknowledged, then the node is killed. */
  private static int sendConcurrentlyAndKill(GustProcess gust, String url, Set<String> acknowledged)
      throws Exception {
    AtomicInteger acks = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Void> enough = new CompletableFuture<>();
    try (SqsClient burst = client(gust.url())) {
      List<CompletableFuture<Void>> writers =
          IntStream.range(0, WRITERS)
              .mapToObj(
                  w ->
                      CompletableFuture.runAsync(
                          () -> {
                            for (int n = 0; !stop.get(); n++) {
                              List<SendMessageBatchRequestEntry> batch = entries("w" + w + "-" + n);
                              try {
                                burst.sendMessageBatch(r -> r.queueUrl(url).entries(batch));
                              } catch (RuntimeException e) {
                                return;
                              }
                              batch.forEach(e -> acknowledged.add(e.messageBody()));
                              if (acks.incrementAndGet() >= ACKS_BEFORE_KILL) {
                                enough.complete(null);
                              }
                            }
                          }))
              .toList();
      enough.get(60, TimeUnit.SECONDS);
      int status = gust.kill9();
      stop.set(true);
      for (CompletableFuture<Void> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
      return status;
    }
  }

  /** Receives and deletes until the queue stays empty for a few long polls. */
  private static List<String> drain(SqsClient sqs, String url) {
    List<String> bodies = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int empty = 0;
    while (empty < 3 && System.nanoTime() < deadline) {
      List<Message> messages =
          sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      if (messages.isEmpty()) {
        empty++;
        continue;
      }
      empty = 0;
      for (Message m : messages) {
        bodies.add(m.body());
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
      }
    }
    return bodies;
  }

  private static List<SendMessageBatchRequestEntry> entries(String prefix) {
    return IntStream.range(0, 10)
        .mapToObj(
            i ->
                SendMessageBatchRequestEntry.builder()
                    .id("e" + i)
                    .messageBody(prefix + "-" + i)
                    .build())
        .toList();
  }

  private static SqsClient client(String url) {
    return SqsClient.builder()
        .endpointOverride(URI.create(url))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .build();
  }
}
