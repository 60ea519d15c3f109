/**
 * Execution environments: each is one sandboxed runtime process with its own Runtime API channel,
 * moving through Lambda's lifecycle (Init, Invoke, Shutdown) as the declared state machine {@link
 * dev.gust.worker.EnvironmentState}. {@link dev.gust.worker.Worker} keeps warm environments per
 * function version and hands each invocation to exactly one of them.
 */
package dev.gust.worker;
