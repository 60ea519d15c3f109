/**
 * Support for Gust's tests: a {@link dev.gust.testkit.FakeClock} to advance instead of sleeping,
 * {@link dev.gust.testkit.Zips} to build deployment packages (well-formed and hostile), and {@link
 * dev.gust.testkit.AwsClients} that point the real AWS SDK at a Gust endpoint.
 */
package dev.gust.testkit;
