package dev.gust.lambdaapi;

import dev.gust.core.Scheduler;
import dev.gust.http.Node;
import dev.gust.registry.Registry;
import java.nio.file.Path;
import java.util.List;

/**
 * A real node serving Lambda alone, on an ephemeral port, over a data directory that outlives it,
 * so that a test can start another node on the same data with other settings.
 */
final class LambdaNode implements AutoCloseable {

  private final Node node;

  private LambdaNode(Node node) {
    this.node = node;
  }

  static LambdaNode start(Path dataDir, LambdaService.Settings settings) {
    return new LambdaNode(
        Node.start(
            new Node.Settings("127.0.0.1", 0, dataDir),
            Scheduler.system(),
            List.of(node -> LambdaService.open(settings, node))));
  }

  /** The URL clients use, such as {@code http://127.0.0.1:40123}. */
  String url() {
    return node.url();
  }

  int port() {
    return node.port();
  }

  Registry registry() {
    return node.service(LambdaService.class).registry();
  }

  @Override
  public void close() {
    node.close();
  }
}
