package dev.gust.wire;

import java.util.List;

/**
 * One AWS service as a node runs it: the routes it serves on the node's port, and its lifecycle. A
 * node is a list of services; it starts them in order, serves their routes, and closes them in
 * reverse order, so a service may deliver to the services listed before it until it is closed.
 */
public interface Service extends AutoCloseable {

  /** The service's name as AWS signs it, such as {@code sqs} or {@code lambda}. */
  String name();

  /** The routes of the service's operations. */
  List<Route> routes();

  /** The models of the service's wire, for the operation coverage table. */
  default List<ServiceModel<?>> models() {
    return List.of();
  }

  /** Starts background work (pollers, schedules) once every service of the node is open. */
  default void start() {}

  /** Stops background work; everything acknowledged is already durable. */
  @Override
  void close();
}
