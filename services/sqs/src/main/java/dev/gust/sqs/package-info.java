/**
 * SQS-compatible queues: standard and FIFO queues with visibility timeouts, delays, long polling,
 * retention, dead-letter redrive and FIFO deduplication, served on the JSON 1.0 protocol ({@code
 * AmazonSQS.*}) and durable in the node's store. {@link dev.gust.sqs.Queues} is the module's entry
 * point; {@code SqsApi} its wire edge.
 *
 * <p>Other components send to a queue by delivering to its ARN through the {@code delivery} module,
 * whose queue handler {@link dev.gust.sqs.Queues#register} installs.
 */
package dev.gust.sqs;
