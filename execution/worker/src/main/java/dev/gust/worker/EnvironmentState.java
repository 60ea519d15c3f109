package dev.gust.worker;

import dev.gust.core.StateMachine;

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

  /** The transition table; {@link Environment} makes every move through it, under its lock. */
  static final StateMachine<EnvironmentState> TRANSITIONS =
      StateMachine.declare("execution environment", EnvironmentState.class)
          .on("initialized", STARTING, IDLE)
          .on("invoke", STARTING, BUSY)
          .on("invoke", IDLE, BUSY)
          .on("finished", BUSY, IDLE)
          .on("stop", STARTING, STOPPED)
          .on("stop", IDLE, STOPPED)
          .on("stop", BUSY, STOPPED)
          .build();
}
