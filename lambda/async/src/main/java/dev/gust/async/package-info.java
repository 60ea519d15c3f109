/**
 * Lambda's asynchronous invocation: events accepted once durably stored, processed at least once
 * through the invoke path with the function's retry policy and maximum event age, their outcomes
 * routed to destinations and dead-letter queues.
 */
package dev.gust.async;
