/**
 * The invoke path: resolves the function, version or alias (weighted routing) and its state, takes
 * a lease from the counting service ({@link dev.gust.invoke.Concurrency}), and has the worker
 * manager run the invocation in an environment.
 *
 * <p>It is a port that answers with sealed values, never with HTTP errors: {@link
 * dev.gust.invoke.InvokePath#resolve} gives a {@link dev.gust.invoke.Resolution} and {@link
 * dev.gust.invoke.InvokePath#invoke} an {@link dev.gust.invoke.InvokeResult}, whose refusals
 * (throttled, no capacity, pending, not found) the Lambda API turns into Lambda's errors and the
 * asynchronous path into retries.
 */
package dev.gust.invoke;
