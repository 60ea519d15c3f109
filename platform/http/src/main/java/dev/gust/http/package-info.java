/**
 * The node: one process serving a list of AWS services on one port. {@link dev.gust.http.Node}
 * opens the store under the data directory, hands every service a {@link dev.gust.http.NodeContext}
 * (store, clock, delivery, metrics, base URL), starts the Jetty front ({@code HttpFront}, the only
 * class that knows Jetty) with the services' routes and Gust's own {@code /_gust/} endpoints, and
 * closes everything in reverse order.
 */
package dev.gust.http;
