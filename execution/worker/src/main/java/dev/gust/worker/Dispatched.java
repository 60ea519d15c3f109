package dev.gust.worker;

/**
 * How the worker manager served one invocation.
 *
 * @param coldStart whether a new environment was started for it
 * @param provisioned whether a provisioned-concurrency environment served it
 * @param spillover whether it ran on demand although its version or alias has provisioned
 *     concurrency (all of it was busy)
 */
public record Dispatched(
    Invoked invoked, boolean coldStart, boolean provisioned, boolean spillover) {}
