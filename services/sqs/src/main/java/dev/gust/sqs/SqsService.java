package dev.gust.sqs;

import dev.gust.http.NodeContext;
import dev.gust.wire.Route;
import dev.gust.wire.Service;
import dev.gust.wire.ServiceModel;
import java.util.List;

/** The SQS-compatible queues as a node runs them: the queue engine, its API and its deliveries. */
public final class SqsService implements Service {

  private final Queues queues;

  private SqsService(Queues queues) {
    this.queues = queues;
  }

  /** Loads the node's queues and makes them the target of deliveries to queue ARNs. */
  public static SqsService open(NodeContext node) {
    Queues queues =
        Queues.open(node.database(), node.scheduler(), node.ownership(), node.baseUrl());
    queues.register(node.delivery());
    return new SqsService(queues);
  }

  /** The queue engine, for in-process clients such as benchmarks. */
  public Queues queues() {
    return queues;
  }

  @Override
  public String name() {
    return "sqs";
  }

  @Override
  public List<ServiceModel<?>> models() {
    return List.of(SqsModel.MODEL);
  }

  @Override
  public List<Route> routes() {
    return new SqsApi(queues).routes();
  }

  @Override
  public void close() {
    queues.close();
  }
}
