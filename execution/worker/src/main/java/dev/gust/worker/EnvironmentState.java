package dev.gust.worker;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of an execution environment, declared: it starts either for an invocation (Init as
 * part of a cold start) or ahead of one (provisioned concurrency: Init, then idle), then alternates
 * between busy (Invoke) and idle (frozen where the host has a freezer), and ends stopped (Shutdown)
 * after a failed init, a timeout, a crash, the end of its keep-alive or shutdown of the node.
 */
public enum EnvironmentState {
  STARTING,
  IDLE,
  BUSY,
  STOPPED;

  public Set<EnvironmentState> next() {
    return switch (this) {
      case STARTING -> EnumSet.of(BUSY, IDLE, STOPPED);
      case IDLE -> EnumSet.of(BUSY, STOPPED);
      case BUSY -> EnumSet.of(IDLE, STOPPED);
      case STOPPED -> EnumSet.noneOf(EnvironmentState.class);
    };
  }

  /** Returns {@code to} if the move is declared; an undeclared move is a bug. */
  public EnvironmentState moveTo(EnvironmentState to) {
    if (!next().contains(to)) {
      throw new IllegalStateException("undeclared environment transition " + this + " -> " + to);
    }
    return to;
  }
}
