package dev.gust.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Arn;
import dev.gust.core.AwsException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryTest {

  @ParameterizedTest
  @CsvSource({
    "arn:aws:lambda:us-east-1:000000000000:function:f:live, Function",
    "arn:aws:sqs:us-east-1:000000000000:orders, Queue",
    "arn:aws:sns:us-east-1:000000000000:news.fifo, Topic",
    "arn:aws:events:us-east-1:000000000000:event-bus/default, Bus",
  })
  void anArnNamesTheTargetOfItsService(String arn, String kind) {
    Target target = Target.parse(arn);

    assertThat(target.getClass().getSimpleName()).isEqualTo(kind);
    assertThat(target.arn().toString()).isEqualTo(arn);
  }

  @Test
  void arnsOfOtherServicesAreRefused() {
    String arn = "arn:aws:states:us-east-1:000000000000:stateMachine:flow";

    assertThatThrownBy(() -> Target.of(Arn.parse(arn).orElseThrow()))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.type()).isEqualTo(Delivery.UNDELIVERABLE))
        .hasMessage("Gust cannot deliver to states: " + arn);
  }

  @Test
  void textThatIsNoArnIsRefused() {
    assertThatThrownBy(() -> new Delivery().deliver("orders", Delivery.Message.of("x")))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.type()).isEqualTo(Delivery.UNDELIVERABLE))
        .hasMessage("Not a valid ARN: orders");
  }

  @Test
  void aMessageGoesToTheHandlerOfItsTargetsKind() {
    Delivery delivery = new Delivery();
    List<String> queues = new ArrayList<>();
    List<String> topics = new ArrayList<>();
    delivery.register(Target.Queue.class, (queue, m) -> queues.add(queue.arn().resource()));
    delivery.register(Target.Topic.class, (topic, m) -> topics.add(topic.arn().resource()));

    delivery.deliver("arn:aws:sqs:us-east-1:000000000000:orders", Delivery.Message.of("a"));
    delivery.deliver("arn:aws:sns:us-east-1:000000000000:news", Delivery.Message.of("b"));

    assertThat(queues).containsExactly("orders");
    assertThat(topics).containsExactly("news");
  }

  @Test
  void aKindNoComponentServesIsRefused() {
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:f";

    assertThatThrownBy(() -> new Delivery().deliver(arn, Delivery.Message.of("{}")))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.type()).isEqualTo(Delivery.UNDELIVERABLE))
        .hasMessage("Gust cannot deliver to lambda: " + arn);
  }
}
