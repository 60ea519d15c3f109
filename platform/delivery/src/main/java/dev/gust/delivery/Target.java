package dev.gust.delivery;

import dev.gust.core.Arn;
import dev.gust.core.AwsException;

/**
 * A resource {@link Delivery} hands messages to, one kind per ARN service it serves: a function
 * ({@code lambda}), a queue ({@code sqs}), a topic ({@code sns}) or an event bus ({@code events}).
 */
public sealed interface Target {

  /** The resource's ARN. */
  Arn arn();

  /**
   * The target {@code arn} names.
   *
   * @throws AwsException {@link Delivery#UNDELIVERABLE} if the ARN is of another service
   */
  static Target of(Arn arn) {
    return switch (arn.service()) {
      case "lambda" -> new Function(arn);
      case "sqs" -> new Queue(arn);
      case "sns" -> new Topic(arn);
      case "events" -> new Bus(arn);
      default -> throw Delivery.unserved(arn);
    };
  }

  /**
   * The target the ARN text names.
   *
   * @throws AwsException {@link Delivery#UNDELIVERABLE} if the text is not an ARN or the ARN is of
   *     another service
   */
  static Target parse(String arn) {
    return of(
        Arn.parse(arn)
            .orElseThrow(() -> Delivery.UNDELIVERABLE.exception("Not a valid ARN: " + arn)));
  }

  /** A function, version or alias: the message becomes an asynchronous invoke. */
  record Function(Arn arn) implements Target {}

  /** A queue: the message is sent to it. */
  record Queue(Arn arn) implements Target {}

  /** A topic: the message is published on it. */
  record Topic(Arn arn) implements Target {}

  /** An event bus: the message becomes an event on it. */
  record Bus(Arn arn) implements Target {}
}
