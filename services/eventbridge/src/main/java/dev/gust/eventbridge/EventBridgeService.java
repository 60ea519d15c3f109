package dev.gust.eventbridge;

import dev.gust.http.NodeContext;
import dev.gust.wire.Route;
import dev.gust.wire.Service;
import dev.gust.wire.ServiceModel;
import java.util.List;

/**
 * The EventBridge-compatible buses as a node runs them: buses, rules and schedules, their API and
 * their deliveries to targets.
 */
public final class EventBridgeService implements Service {

  private final Buses buses;

  private EventBridgeService(Buses buses) {
    this.buses = buses;
  }

  /** Loads the node's buses, arms their schedules and takes deliveries to bus ARNs. */
  public static EventBridgeService open(NodeContext node) {
    return new EventBridgeService(
        Buses.open(
            node.database(),
            node.delivery(),
            node.scheduler(),
            node.ownership(),
            node.background()));
  }

  @Override
  public String name() {
    return "events";
  }

  @Override
  public List<ServiceModel<?>> models() {
    return List.of(EventBridgeModel.MODEL);
  }

  @Override
  public List<Route> routes() {
    return new EventBridgeApi(buses).routes();
  }

  @Override
  public void close() {
    buses.close();
  }
}
