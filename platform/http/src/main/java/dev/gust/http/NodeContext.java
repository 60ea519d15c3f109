package dev.gust.http;

import dev.gust.core.Ownership;
import dev.gust.core.Scheduler;
import dev.gust.delivery.Delivery;
import dev.gust.metrics.Metrics;
import dev.gust.store.Database;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * What a node gives each service it opens.
 *
 * @param dataDir the node's data directory; a service keeps its files under its own folder there
 * @param database the node's store; each service migrates its own tables
 * @param scheduler the node's clock and timers
 * @param background virtual threads for background work, closed after every service
 * @param delivery where services register the targets they own and deliver to the others'
 * @param metrics the node's meters
 * @param baseUrl the URL clients reach the node at, such as {@code http://127.0.0.1:4566}
 * @param ownership the keys this node holds in-memory authority over; a single node owns all
 */
public record NodeContext(
    Path dataDir,
    Database database,
    Scheduler scheduler,
    ExecutorService background,
    Delivery delivery,
    Metrics metrics,
    String baseUrl,
    Ownership ownership) {}
