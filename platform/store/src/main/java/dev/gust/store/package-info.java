/**
 * Persistence for every component: a transactional SQL {@link dev.gust.store.Database} with
 * per-component schema migrations and group commit ({@link dev.gust.store.GroupCommit}), the SQL
 * {@link dev.gust.store.Dialect} where backends differ, the codec of JSON documents kept in columns
 * ({@link dev.gust.store.Documents}), and a content-addressed {@link dev.gust.store.BlobStore} for
 * code artifacts.
 *
 * <p>The embedded backend is SQLite in WAL mode with {@code synchronous=FULL}: a transaction that
 * returned has been fsynced and survives {@code kill -9} and power loss. Components write portable
 * SQL (standard types, {@code ON CONFLICT} upserts from {@link dev.gust.store.Dialect#upsert}) and
 * take what differs, such as the identity key of a table, from the database's dialect, so that a
 * PostgreSQL backend can serve the same statements in cluster mode. The module's test-jar holds the
 * store contract suite ({@code Databases}, {@code @StoreTest}) that every store's tests run on each
 * backend.
 */
package dev.gust.store;
