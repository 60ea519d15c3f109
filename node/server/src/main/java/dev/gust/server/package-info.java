/**
 * One Gust node: reads its configuration, opens the store, wires the components, and serves every
 * API on one port through the HTTP front ({@link dev.gust.server.GustServer}).
 */
package dev.gust.server;
