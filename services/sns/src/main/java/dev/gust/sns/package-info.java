/**
 * SNS-compatible topics: standard and FIFO topics, subscriptions of functions, queues and HTTP
 * endpoints with filter policies and raw delivery, and Publish, served on SNS's query protocol and
 * durable in the node's store. {@link dev.gust.sns.SnsService} is the module's entry point for a
 * node and {@link dev.gust.sns.Topics} its engine; {@code SnsModel} declares the wire and {@code
 * SnsApi} serves it.
 *
 * <p>A published message is matched against each subscription's filter policy (the {@code patterns}
 * module) and written, in the transaction that accepts it, to the topic outbox, which delivers it
 * through the {@code delivery} module to functions and queues, or by a real POST to HTTP endpoints.
 * Other components publish on a topic by delivering to its ARN.
 */
package dev.gust.sns;
