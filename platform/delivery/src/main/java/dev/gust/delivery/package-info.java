/**
 * Delivery of messages between components by ARN. A component that sends to a function, a queue, a
 * topic or an event bus names it by ARN and hands the message to {@link
 * dev.gust.delivery.Delivery}, which passes it to the handler the owning component registered for
 * that kind of {@link dev.gust.delivery.Target}; so no service imports another.
 *
 * <p>{@link dev.gust.delivery.Outbox} makes such deliveries durable: a component writes messages to
 * its outbox table in the transaction that accepts them, and the outbox delivers them at least
 * once, across restarts too, retrying with backoff on the injected clock and handing the ones it
 * gives up on to their dead-letter queues in the format the component chooses.
 */
package dev.gust.delivery;
