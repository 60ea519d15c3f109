/**
 * The control plane of Lambda: functions, their published versions and aliases, reserved and
 * provisioned concurrency, asynchronous invocation configurations, tags and code artifacts, stored
 * durably, and the Lambda management API (REST-JSON, {@code /2015-03-31/functions/...} and the
 * dated paths around it) that manages them.
 *
 * <p>{@link dev.gust.registry.Registry} is the component's surface: other components resolve
 * functions and read their configuration through it. {@link dev.gust.registry.LambdaApi}
 * contributes the management API's routes to the server's router.
 */
package dev.gust.registry;
