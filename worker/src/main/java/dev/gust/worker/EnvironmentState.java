package dev.gust.worker;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of an execution environment, declared: it starts for an invocation (Init), then
 * alternates between busy (Invoke) and idle (frozen where the host has a freezer), and ends stopped
 * (Shutdown) after a failed init, a timeout, a crash or shutdown of the node.
 */
public enum EnvironmentState {
  STARTING,
  IDLE,
  BUSY,
  STOPPED;

  public Set<EnvironmentState> next() {
    return switch (this) {
      case STARTING -> EnumSet.of(BUSY);
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
