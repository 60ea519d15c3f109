/**
 * AWS wire protocols, independent of any HTTP server: the request and response values a server
 * adapter fills in, the {@link dev.gust.wire.Router} that dispatches one port's traffic to services
 * by method and path (REST-JSON) or by {@code X-Amz-Target} (JSON 1.0/1.1), SigV4 credential-scope
 * parsing, JSON mapping, and the error shapes each protocol uses.
 *
 * <p>Services plug in by contributing {@link dev.gust.wire.Route}s; the router's core never changes
 * when a service is added.
 */
package dev.gust.wire;
