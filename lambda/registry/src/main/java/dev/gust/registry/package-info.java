/**
 * The control plane of Lambda: functions, their published versions and aliases, reserved and
 * provisioned concurrency, asynchronous invocation configurations, tags and code artifacts, stored
 * durably.
 *
 * <p>{@link dev.gust.registry.Registry} is the component's surface: the Lambda API manages
 * functions through it, and the invoke path looks references up with {@link
 * dev.gust.registry.Registry#lookup}, which answers a missing function with a value. The registry
 * knows no HTTP; its operations still raise {@link dev.gust.core.AwsException} with Lambda's error
 * types when a request breaks a rule.
 */
package dev.gust.registry;
