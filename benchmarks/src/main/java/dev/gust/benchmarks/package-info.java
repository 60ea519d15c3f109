/**
 * End-to-end load generators for Gust, run by {@code benchmarks/run}. {@link
 * dev.gust.benchmarks.InvokeBenchmark} starts a real node in-process, creates functions through the
 * AWS SDK and measures cold starts and warm invokes with a plain HTTP client, next to floors taken
 * in the same run (bare process and sandbox starts, a no-op HTTP round trip to the same server), so
 * that the numbers can be compared as ratios on a noisy machine. Results are kept in {@code
 * docs/benchmarks.md}.
 */
package dev.gust.benchmarks;
