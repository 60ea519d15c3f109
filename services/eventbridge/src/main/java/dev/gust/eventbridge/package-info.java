/**
 * EventBridge-compatible event buses: the default bus and custom buses, rules with event patterns
 * or schedules, rule targets with input shaping, retry policies and dead-letter queues, and
 * PutEvents, served on the JSON 1.1 protocol ({@code AWSEvents.*}) and durable in the node's store.
 * {@link dev.gust.eventbridge.Buses} is the module's entry point; {@link
 * dev.gust.eventbridge.EventBridgeApi} its wire edge.
 *
 * <p>An accepted event is matched against its bus's rules (the {@code patterns} module) and
 * written, in the transaction that accepts it, to the bus outbox, which delivers it to each
 * matching target through the {@code delivery} module. Schedules fire on the injected clock. Other
 * components put an event on a bus by delivering to its ARN.
 */
package dev.gust.eventbridge;
