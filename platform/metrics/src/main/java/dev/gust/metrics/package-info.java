/**
 * Lambda's CloudWatch metrics for one Gust node, kept in memory with Micrometer and served at
 * {@code GET /_gust/metrics} in Prometheus text format.
 *
 * <p>The invoke path reports what happens ({@link dev.gust.metrics.Metrics#begin}, {@link
 * dev.gust.metrics.Metrics.Inflight#end}, {@link dev.gust.metrics.Metrics#throttled}, ...); the
 * metric names are CloudWatch's ({@code Invocations}, {@code Duration}, {@code
 * ConcurrentExecutions}, ...) with a {@code lambda_} prefix, and CloudWatch's dimensions {@code
 * FunctionName}, {@code Resource} and {@code ExecutedVersion} become labels, so dashboards and
 * alarms written for Lambda carry over. {@link dev.gust.metrics.MetricsApi} is the HTTP route.
 */
package dev.gust.metrics;
