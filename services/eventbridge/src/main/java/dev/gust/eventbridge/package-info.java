/**
 * EventBridge-compatible event buses: the default bus and custom buses, rules with event patterns
 * or schedules, rule targets with input shaping, retry policies and dead-letter queues, and
 * PutEvents, served on the JSON 1.1 protocol ({@code AWSEvents.*}) and durable in the node's store.
 * {@link dev.gust.eventbridge.EventBridgeService} is the module's entry point for a node; {@code
 * EventBridgeModel} declares the wire (commands, replies, constraints, operations not served yet),
 * and {@code EventBridgeApi} switches over its commands to {@code Buses}, the engine, which speaks
 * buses, rules and targets.
 *
 * <p>An accepted event is matched against its bus's rules (the {@code patterns} module) and
 * written, in the transaction that accepts it, to the bus outbox, which delivers it to each
 * matching target through the {@code delivery} module. Schedules fire on the injected clock. Other
 * components put an event on a bus by delivering to its ARN.
 */
package dev.gust.eventbridge;
