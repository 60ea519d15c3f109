/**
 * Every Lambda REST operation on the wire: the management API ({@link
 * dev.gust.lambdaapi.LambdaApi}, with the provisioned concurrency and event invoke config
 * operations) and {@code Invoke} ({@link dev.gust.lambdaapi.InvokeApi}).
 *
 * <p>Each route parses its HTTP request into a typed request, runs it against the registry or the
 * invoke path, and writes the reply in the shape the AWS SDKs expect. This module is the only part
 * of Lambda that knows the wire: the invoke path's sealed results become Lambda's errors here (a
 * throttle a 429 {@code TooManyRequestsException} with its {@code Reason}), and nowhere else.
 */
package dev.gust.lambdaapi;
