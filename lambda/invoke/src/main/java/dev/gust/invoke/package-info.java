/**
 * The front end of the invoke path: parses {@code Invoke} requests, resolves the function, version
 * or alias (weighted routing), checks payload limits and the function's state, hands the invocation
 * to the {@link dev.gust.worker.Worker}, and maps its outcome to Lambda's reply.
 */
package dev.gust.invoke;
