/**
 * SQS-compatible queues: standard and FIFO queues with visibility timeouts, delays, long polling,
 * retention, dead-letter redrive and FIFO deduplication, durable in the node's store, served on
 * SQS's JSON 1.0 protocol ({@code AmazonSQS.*}) and its older query protocol (form parameters, XML
 * replies) from one declaration of the wire, {@code SqsModel}. {@link dev.gust.sqs.SqsService} is
 * the module's entry point for the node; {@code SqsApi} its wire edge; {@link dev.gust.sqs.Queues}
 * the queue engine.
 *
 * <p>Other components send to a queue by delivering to its ARN through the {@code delivery} module,
 * whose queue handler {@link dev.gust.sqs.Queues#register} installs.
 */
package dev.gust.sqs;
