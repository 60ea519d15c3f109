/**
 * End-to-end load generators for Gust, run by {@code benchmarks/run} ({@link
 * dev.gust.benchmarks.Benchmarks} picks the suite). Each suite starts real nodes in-process,
 * creates functions through the AWS SDK and measures them with a plain HTTP client, next to floors
 * taken in the same run, so that the numbers can be compared as ratios on a noisy machine. {@link
 * dev.gust.benchmarks.InvokeBenchmark} ({@code environments}, the default) measures cold starts and
 * sequential warm invokes per runtime against process-start and HTTP floors; {@link
 * dev.gust.benchmarks.WarmBenchmark} ({@code warm}) measures warm throughput and p50/p99 at several
 * connection counts against Gust's Python bootstrap behind a minimal invoke endpoint and Runtime
 * API. Results are kept in {@code docs/benchmarks.md}.
 */
package dev.gust.benchmarks;
