/**
 * Event brokers speaking AWS's APIs: SQS-compatible queues, EventBridge-compatible buses and
 * schedules, SNS-compatible topics, durable in the node's store.
 */
package dev.gust.events;
