/**
 * Persistence for every component: a transactional SQL {@link dev.gust.store.Database} with
 * per-component schema migrations, and a content-addressed {@link dev.gust.store.BlobStore} for
 * code artifacts.
 *
 * <p>The embedded backend is SQLite in WAL mode with {@code synchronous=FULL}: a transaction that
 * returned has been fsynced and survives {@code kill -9} and power loss. Components write portable
 * SQL (standard types, {@code ON CONFLICT} upserts) so that a PostgreSQL backend can serve the same
 * statements in cluster mode.
 */
package dev.gust.store;
