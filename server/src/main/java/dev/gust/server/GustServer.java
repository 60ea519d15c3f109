package dev.gust.server;

import dev.gust.protocol.Route;
import dev.gust.protocol.Router;
import dev.gust.registry.LambdaApi;
import dev.gust.registry.Registry;
import dev.gust.store.BlobStore;
import dev.gust.store.Database;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One running Gust node: the store under the data directory, the registry, and the HTTP front
 * serving every API on one port. {@link #close} stops accepting requests, waits for background work
 * and closes the store; everything acknowledged before is on disk.
 */
public final class GustServer implements AutoCloseable {

  /** The version reported by the health endpoint. */
  public static final String VERSION = "0.1.0";

  private final ServerConfig config;
  private final Database database;
  private final ExecutorService background;
  private final HttpFront front;
  private final Registry registry;

  private GustServer(
      ServerConfig config,
      Database database,
      ExecutorService background,
      HttpFront front,
      Registry registry) {
    this.config = config;
    this.database = database;
    this.background = background;
    this.front = front;
    this.registry = registry;
  }

  /** Opens the store, wires the components and starts listening. */
  public static GustServer start(ServerConfig config) {
    return start(config, InstantSource.system());
  }

  public static GustServer start(ServerConfig config, InstantSource clock) {
    Path dataDir = config.dataDir().toAbsolutePath();
    Database database = Database.sqlite(dataDir.resolve("gust.db"));
    ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    try {
      BlobStore code = new BlobStore(dataDir.resolve("code"));
      Registry registry = Registry.open(database, code, clock, background, config.limits());
      List<Route> routes = new ArrayList<>();
      routes.addAll(new PlatformApi(clock, VERSION).routes());
      routes.addAll(new LambdaApi(registry).routes());
      HttpFront front = new HttpFront(config.host(), config.port(), new Router(routes));
      front.start();
      return new GustServer(config, database, background, front, registry);
    } catch (Exception e) {
      background.close();
      database.close();
      throw new IllegalStateException("Gust could not start: " + e.getMessage(), e);
    }
  }

  public int port() {
    return front.port();
  }

  /** The URL clients use, such as {@code http://127.0.0.1:4566}. */
  public String url() {
    return "http://" + config.host() + ":" + port();
  }

  public Registry registry() {
    return registry;
  }

  @Override
  public void close() {
    try {
      front.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the HTTP front", e);
    } finally {
      background.close();
      database.close();
    }
  }
}
