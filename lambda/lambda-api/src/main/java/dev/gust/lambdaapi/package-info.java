/**
 * Lambda as a node runs it ({@link dev.gust.lambdaapi.LambdaService}: the registry, the execution
 * stack, the invoke path and the asynchronous event queue) and every Lambda REST operation on the
 * wire: the management API ({@link dev.gust.lambdaapi.LambdaApi}, with the provisioned concurrency
 * and event invoke config operations) and {@code Invoke} ({@link dev.gust.lambdaapi.InvokeApi}).
 *
 * <p>The management API is declared once in {@code LambdaModel} (commands, with the constraints of
 * Lambda's API reference), {@code FunctionConfigurationModel} (replies) and {@code
 * LambdaUnsupportedModel} (the operations not served yet, on their paths); the wire layer decodes
 * and validates each request into a command, and {@code LambdaApi} starts at an exhaustive {@code
 * switch} over them. This module is the only part of Lambda that knows the wire: the registry
 * speaks domain values ({@code ConfigChanges}, {@code FunctionVersion}), and the invoke path's
 * sealed results become Lambda's errors here (a throttle a 429 {@code TooManyRequestsException}
 * with its {@code Reason}), and nowhere else.
 */
package dev.gust.lambdaapi;
