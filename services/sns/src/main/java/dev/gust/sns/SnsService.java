package dev.gust.sns;

import dev.gust.http.NodeContext;
import dev.gust.wire.Route;
import dev.gust.wire.Service;
import dev.gust.wire.ServiceModel;
import java.util.List;

/** The SNS-compatible topics as a node runs them: the topic engine, its API and its fan-out. */
public final class SnsService implements Service {

  private final Topics topics;

  private SnsService(Topics topics) {
    this.topics = topics;
  }

  /** Loads the node's topics, resumes pending fan-out and takes deliveries to topic ARNs. */
  public static SnsService open(NodeContext node) {
    return new SnsService(
        Topics.open(
            node.database(),
            node.delivery(),
            node.scheduler(),
            node.ownership(),
            node.background()));
  }

  @Override
  public String name() {
    return "sns";
  }

  @Override
  public List<Route> routes() {
    return new SnsApi(topics).routes();
  }

  @Override
  public List<ServiceModel<?>> models() {
    return List.of(SnsModel.MODEL);
  }

  @Override
  public void close() {
    topics.close();
  }
}
