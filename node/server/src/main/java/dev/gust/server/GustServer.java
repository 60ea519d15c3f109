package dev.gust.server;

import dev.gust.core.Scheduler;
import dev.gust.delivery.Delivery;
import dev.gust.eventbridge.EventBridgeService;
import dev.gust.http.Node;
import dev.gust.lambdaapi.LambdaService;
import dev.gust.registry.Registry;
import dev.gust.sns.SnsService;
import dev.gust.sqs.Queues;
import dev.gust.sqs.SqsService;
import dev.gust.wire.Service;
import java.util.List;

/**
 * One running Gust node with every service: queues, topics, event buses and Lambda, in that order,
 * so that each may deliver to those before it until it is closed. {@link #close} stops accepting
 * requests, stops the services in reverse order and closes the store; everything acknowledged
 * before is on disk.
 */
public final class GustServer implements AutoCloseable {

  /** The version reported by the health endpoint. */
  public static final String VERSION = Node.VERSION;

  private final Node node;

  private GustServer(Node node) {
    this.node = node;
  }

  /** Opens the store, opens the services and starts listening. */
  public static GustServer start(ServerConfig config) {
    return start(config, Scheduler.system());
  }

  /** Starts a node whose components take their time from {@code scheduler}. */
  public static GustServer start(ServerConfig config, Scheduler scheduler) {
    return new GustServer(
        Node.start(
            new Node.Settings(config.host(), config.port(), config.dataDir()),
            scheduler,
            List.of(
                SqsService::open,
                SnsService::open,
                EventBridgeService::open,
                node -> LambdaService.open(config.lambda(), node))));
  }

  public int port() {
    return node.port();
  }

  /** The URL clients use, such as {@code http://127.0.0.1:4566}. */
  public String url() {
    return node.url();
  }

  public Registry registry() {
    return node.service(LambdaService.class).registry();
  }

  /** Where messages are delivered to queues, topics, buses and functions by ARN. */
  public Delivery delivery() {
    return node.context().delivery();
  }

  /** The SQS-compatible queues of this node, whose URLs start with {@link #url()}. */
  public Queues queues() {
    return node.service(SqsService.class).queues();
  }

  /** The node's services, in node order. */
  public List<Service> services() {
    return node.services();
  }

  @Override
  public void close() {
    node.close();
  }
}
