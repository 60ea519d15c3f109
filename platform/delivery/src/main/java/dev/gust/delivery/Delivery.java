package dev.gust.delivery;

import dev.gust.core.Arn;
import dev.gust.core.AwsException;
import dev.gust.core.ErrorType;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers a message to a resource named by its ARN, whichever component owns it: a function (an
 * asynchronous invoke), a queue, a topic or an event bus, each a kind of {@link Target}.
 * Destinations, dead-letter queues, subscriptions and rule targets all go through it, so that no
 * service refers to another directly.
 *
 * <p>Each component registers the handler of its kind of target when the node starts.
 */
public final class Delivery {

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

  /** Delivers messages to the targets of one kind. */
  @FunctionalInterface
  public interface Handler<T extends Target> {

    /**
     * Delivers {@code message} to {@code target} durably: when this returns, the target has
     * accepted it.
     *
     * @throws AwsException if the resource does not exist or refuses the message
     */
    void deliver(T target, Message message);
  }

  private final Map<Class<? extends Target>, Handler<?>> handlers = new ConcurrentHashMap<>();

  /**
   * Makes {@code handler} the one for targets of {@code kind}, such as {@code Target.Queue.class}.
   */
  public <T extends Target> void register(Class<T> kind, Handler<? super T> handler) {
    handlers.put(kind, handler);
  }

  /**
   * Delivers {@code message} to the resource {@code arn} names.
   *
   * @throws AwsException {@link #UNDELIVERABLE} if the ARN is malformed or of a service this node
   *     does not serve, or whatever the owning component raises
   */
  public void deliver(String arn, Message message) {
    deliver(Target.parse(arn), message);
  }

  /**
   * Delivers {@code message} to {@code target}.
   *
   * @throws AwsException {@link #UNDELIVERABLE} if no component of this node serves targets of its
   *     kind, or whatever the owning component raises
   */
  public void deliver(Target target, Message message) {
    handler(target).deliver(target, message);
  }

  @SuppressWarnings("unchecked") // register keys each handler by the kind it takes
  private Handler<Target> handler(Target target) {
    Handler<Target> handler = (Handler<Target>) handlers.get(target.getClass());
    if (handler == null) {
      throw unserved(target.arn());
    }
    return handler;
  }

  /** The error for an ARN of a service this node does not deliver to. */
  static AwsException unserved(Arn arn) {
    return UNDELIVERABLE.exception("Gust cannot deliver to " + arn.service() + ": " + arn);
  }
}
