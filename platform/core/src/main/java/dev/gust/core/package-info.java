/**
 * Value types every Gust component shares: AWS error types and the exception that carries them,
 * ARNs, the account and region a request acts in, request ids, message digests, the {@link
 * dev.gust.core.Scheduler} that is a component's only clock, {@link dev.gust.core.StateMachine}, on
 * which every lifecycle is declared with a {@link dev.gust.core.TransitionCoverage} for its tests,
 * and which keys of in-memory authority this node owns ({@link dev.gust.core.Ownership}).
 *
 * <p>Nothing here does I/O or reads the wall clock; components receive an {@link
 * java.time.InstantSource} instead.
 */
package dev.gust.core;
