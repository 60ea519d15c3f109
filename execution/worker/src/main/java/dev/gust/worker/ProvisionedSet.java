package dev.gust.worker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The environments kept warm for one provisioned-concurrency configuration. Guarded by the {@link
 * WorkerManager}'s lock.
 */
final class ProvisionedSet {

  private final FunctionSpec spec;
  private final int requested;
  private final WorkerManager.ProvisioningListener listener;
  private final Set<EnvironmentId> members = new HashSet<>();
  private final Deque<EnvironmentId> idle = new ArrayDeque<>();
  private boolean retired;

  ProvisionedSet(FunctionSpec spec, int requested, WorkerManager.ProvisioningListener listener) {
    this.spec = spec;
    this.requested = requested;
    this.listener = listener;
  }

  FunctionSpec spec() {
    return spec;
  }

  int requested() {
    return requested;
  }

  WorkerManager.ProvisioningListener listener() {
    return listener;
  }

  /** Idle members, most recently used first. */
  Deque<EnvironmentId> idle() {
    return idle;
  }

  boolean retired() {
    return retired;
  }

  void retire() {
    retired = true;
  }

  boolean holds(EnvironmentId environment) {
    return !retired && members.contains(environment);
  }

  /** Adds an initialized environment, idle; returns how many members the set now has. */
  int join(EnvironmentId environment) {
    members.add(environment);
    idle.addFirst(environment);
    return members.size();
  }

  void remove(EnvironmentId environment) {
    members.remove(environment);
    idle.remove(environment);
  }
}
