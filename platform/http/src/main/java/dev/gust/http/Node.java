package dev.gust.http;

import dev.gust.core.Ownership;
import dev.gust.core.Scheduler;
import dev.gust.delivery.Delivery;
import dev.gust.metrics.Metrics;
import dev.gust.metrics.MetricsApi;
import dev.gust.store.Database;
import dev.gust.wire.Route;
import dev.gust.wire.Router;
import dev.gust.wire.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * One running node: the store under the data directory, a list of services, and the HTTP front
 * serving all their routes on one port. Services are opened and started in list order and closed in
 * reverse order, after the front stops accepting requests; the store closes last, with everything
 * acknowledged on disk.
 */
public final class Node implements AutoCloseable {

  /** The version reported by the health endpoint. */
  public static final String VERSION = "0.1.0";

  /** Where a node listens (port 0 picks a free one) and keeps its data. */
  public record Settings(String host, int port, Path dataDir) {}

  private final NodeContext context;
  private final HttpFront front;
  private final List<Service> services;

  private Node(NodeContext context, HttpFront front, List<Service> services) {
    this.context = context;
    this.front = front;
    this.services = services;
  }

  /** Opens the store, opens and starts {@code services} in order, and starts listening. */
  public static Node start(
      Settings settings,
      Scheduler scheduler,
      List<? extends Function<NodeContext, ? extends Service>> services) {
    Path dataDir = settings.dataDir().toAbsolutePath();
    prepare(dataDir);
    Database database = Database.sqlite(dataDir.resolve("gust.db"));
    ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    List<Service> opened = new ArrayList<>();
    HttpFront front = null;
    try {
      front = new HttpFront(settings.host(), settings.port());
      NodeContext context =
          new NodeContext(
              dataDir,
              database,
              scheduler,
              background,
              new Delivery(),
              Metrics.create(scheduler.clock()),
              "http://" + settings.host() + ":" + front.port(),
              Ownership.everything());
      for (Function<NodeContext, ? extends Service> factory : services) {
        opened.add(factory.apply(context));
      }
      for (Service service : opened) {
        service.start();
      }
      List<Route> routes = new ArrayList<>();
      routes.addAll(
          new PlatformApi(scheduler.clock(), VERSION, opened.stream().map(Service::name).toList())
              .routes());
      routes.addAll(new MetricsApi(context.metrics()).routes());
      for (Service service : opened) {
        routes.addAll(service.routes());
      }
      front.start(new Router(routes));
      return new Node(context, front, List.copyOf(opened));
    } catch (Exception e) {
      closeAll(front, opened, background, database);
      throw new IllegalStateException("Gust could not start: " + e.getMessage(), e);
    }
  }

  /**
   * Creates the data directory so that sandboxes may pass through it to their own task roots but
   * neither list it nor read the store: runtimes run as another user where the node runs as root.
   */
  private static void prepare(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
  }

  public int port() {
    return front.port();
  }

  /** The URL clients use, such as {@code http://127.0.0.1:4566}. */
  public String url() {
    return context.baseUrl();
  }

  public NodeContext context() {
    return context;
  }

  /** The node's services, in the order they were opened. */
  public List<Service> services() {
    return services;
  }

  /** The node's service of type {@code type}. */
  public <S extends Service> S service(Class<S> type) {
    return services.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("this node runs no " + type.getName()));
  }

  @Override
  public void close() {
    closeAll(front, services, context.background(), context.database());
  }

  private static void closeAll(
      HttpFront front, List<Service> services, ExecutorService background, Database database) {
    RuntimeException failure = null;
    try {
      if (front != null) {
        front.close();
      }
    } catch (Exception e) {
      failure = new IllegalStateException("cannot stop the HTTP front", e);
    }
    for (Service service : services.reversed()) {
      try {
        service.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    background.close();
    database.close();
    if (failure != null) {
      throw failure;
    }
  }
}
