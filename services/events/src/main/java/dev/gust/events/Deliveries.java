package dev.gust.events;

import dev.gust.core.Arn;
import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers a message to a resource named by its ARN, whichever component owns it: a queue ({@code
 * sqs}), a topic ({@code sns}), an event bus ({@code events}) or a function ({@code lambda}, an
 * asynchronous invoke). Destinations, dead-letter queues, subscriptions and rule targets all go
 * through it, so that no broker refers to another directly.
 *
 * <p>Each component registers the handler of its ARN service when the node starts.
 */
public final class Deliveries {

  /** Delivery to an ARN failed: no such resource, or the resource refused the message. */
  public static final ErrorType UNDELIVERABLE = ErrorType.user("ResourceNotFoundException", 404);

  /**
   * A message on its way to a resource.
   *
   * @param body the message body (SQS), message (SNS), detail (EventBridge) or payload (Lambda)
   * @param attributes string message attributes (SQS, SNS); ignored by the others
   * @param source the EventBridge {@code source} when the target is a bus
   * @param detailType the EventBridge {@code detail-type} when the target is a bus
   * @param lineage how many asynchronous hops through functions led to this message, for recursive
   *     loop detection (0 when it starts a chain)
   */
  public record Message(
      String body,
      Map<String, String> attributes,
      Optional<String> source,
      Optional<String> detailType,
      int lineage) {

    public Message {
      Objects.requireNonNull(body, "body");
      attributes = Map.copyOf(attributes);
    }

    /** A message that starts a chain. */
    public Message(
        String body,
        Map<String, String> attributes,
        Optional<String> source,
        Optional<String> detailType) {
      this(body, attributes, source, detailType, 0);
    }

    /** A message with a body only. */
    public static Message of(String body) {
      return new Message(body, Map.of(), Optional.empty(), Optional.empty());
    }
  }

  /** Delivers messages to the resources of one ARN service. */
  @FunctionalInterface
  public interface Handler {

    /**
     * Delivers {@code message} to {@code target} durably: when this returns, the target has
     * accepted it.
     *
     * @throws AwsException if the resource does not exist or refuses the message
     */
    void deliver(Arn target, Message message);
  }

  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

  /** Makes {@code handler} the one for ARNs of {@code service} ({@code sqs}, {@code sns}...). */
  public void register(String service, Handler handler) {
    handlers.put(service, handler);
  }

  /**
   * Delivers {@code message} to the resource {@code arn} names.
   *
   * @throws AwsException {@link #UNDELIVERABLE} if the ARN is malformed or of a service this node
   *     does not serve, or whatever the owning component raises
   */
  public void deliver(String arn, Message message) {
    Arn parsed =
        Arn.parse(arn).orElseThrow(() -> UNDELIVERABLE.exception("Not a valid ARN: " + arn));
    Handler handler = handlers.get(parsed.service());
    if (handler == null) {
      throw UNDELIVERABLE.exception("Gust cannot deliver to " + parsed.service() + ": " + arn);
    }
    handler.deliver(parsed, message);
  }
}
