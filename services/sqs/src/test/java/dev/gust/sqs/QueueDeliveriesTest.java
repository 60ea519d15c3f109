package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.AwsException;
import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import dev.gust.delivery.Delivery;
import dev.gust.store.Database;
import dev.gust.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Other components hand messages to queues through {@link Delivery} by ARN. */
class QueueDeliveriesTest {

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.at("2025-01-01T00:00:00Z");
  private final Delivery delivery = new Delivery();
  private Database database;
  private Queues queues;

  @BeforeEach
  void open() {
    database = Database.sqlite(dir.resolve("gust.db"));
    queues = Queues.open(database, clock, Ownership.everything(), "http://127.0.0.1:4566");
    queues.register(delivery);
  }

  @AfterEach
  void close() {
    queues.close();
    database.close();
  }

  @Test
  void aDeliveredMessageArrivesWithItsStringAttributes() {
    Queue queue = queues.create(Scope.defaultScope(), "targets", Map.of(), Map.of());

    delivery.deliver(
        queue.arn,
        new Delivery.Message(
            "{\"detail\":1}", Map.of("origin", "rule-1"), Optional.empty(), Optional.empty()));

    Queue.Received received = queue.receive(1, Duration.ofSeconds(30), Duration.ZERO).getFirst();
    assertThat(received.content().body()).isEqualTo("{\"detail\":1}");
    assertThat(received.content().attributes()).containsOnlyKeys("origin");
    assertThat(received.content().attributes().get("origin").string()).contains("rule-1");
    assertThat(received.content().attributes().get("origin").dataType()).isEqualTo("String");
  }

  @Test
  void aFifoQueueTakesDeliveriesInOneGroupWithoutDroppingEqualBodies() {
    Queue queue =
        queues.create(Scope.defaultScope(), "targets.fifo", Map.of("FifoQueue", "true"), Map.of());

    delivery.deliver(queue.arn, Delivery.Message.of("same"));
    delivery.deliver(queue.arn, Delivery.Message.of("same"));

    assertThat(queue.counts().visible()).isEqualTo(2);
  }

  @Test
  void deliveringToAMissingQueueRaisesQueueDoesNotExist() {
    assertThatThrownBy(
            () ->
                delivery.deliver(
                    "arn:aws:sqs:us-east-1:000000000000:nowhere", Delivery.Message.of("x")))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> assertThat(e.type()).isEqualTo(SqsErrors.QUEUE_DOES_NOT_EXIST));
  }
}
