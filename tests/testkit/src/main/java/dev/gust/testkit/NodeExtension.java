package dev.gust.testkit;

import dev.gust.core.Scheduler;
import dev.gust.http.Node;
import dev.gust.http.NodeContext;
import dev.gust.wire.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real node on an ephemeral port for each test, serving the services it is given, with a
 * fresh data directory; server tests drive it with the real AWS SDK at {@link #url()}:
 *
 * <pre>{@code
 * @RegisterExtension final NodeExtension node = new NodeExtension(List.of(SqsService::open));
 * }</pre>
 */
public final class NodeExtension implements BeforeEachCallback, AfterEachCallback {

  private final List<Function<NodeContext, ? extends Service>> services;
  private final Scheduler scheduler;
  private Node node;
  private Path dataDir;

  public NodeExtension(List<Function<NodeContext, ? extends Service>> services) {
    this(services, Scheduler.system());
  }

  /** A node whose services take their time from {@code scheduler}, such as a {@link FakeClock}. */
  public NodeExtension(
      List<Function<NodeContext, ? extends Service>> services, Scheduler scheduler) {
    this.services = List.copyOf(services);
    this.scheduler = scheduler;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("gust-node");
    node = Node.start(new Node.Settings("127.0.0.1", 0, dataDir), scheduler, services);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      node.close();
    } finally {
      delete(dataDir);
    }
  }

  /** The node's URL, such as {@code http://127.0.0.1:40123}. */
  public String url() {
    return node.url();
  }

  public Node node() {
    return node;
  }

  /** The running service of type {@code type}. */
  public <S extends Service> S service(Class<S> type) {
    return node.service(type);
  }

  private static void delete(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
