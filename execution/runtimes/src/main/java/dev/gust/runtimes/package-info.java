/**
 * The Lambda Runtime API (2018-06-01) that Gust serves to the runtime inside each execution
 * environment, and the bootstraps of the managed runtimes.
 *
 * <p>Each environment gets its own {@link dev.gust.runtimes.RuntimeChannel}, reachable on its own
 * loopback port: the port is the address, so a runtime can only fetch and answer the invocations of
 * the environment it was started for. The worker hands invocations to a channel and receives a
 * {@link dev.gust.runtimes.RuntimeOutcome} for each.
 *
 * <p>A runtime can also be started as a stem cell, before any function is known ({@link
 * dev.gust.runtimes.ManagedRuntimes#stemCellCommand}), and be given its function later through its
 * channel ({@link dev.gust.runtimes.RuntimeChannel#specialize}): it then behaves as a runtime
 * started for that function.
 */
package dev.gust.runtimes;
