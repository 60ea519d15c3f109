package dev.gust.worker;

import dev.gust.runtimes.Invocation;
import java.util.Optional;

/**
 * One host's execution environments. The {@link WorkerManager} reaches a worker only through this
 * interface and names environments by {@link EnvironmentId}, so that a worker may live on another
 * machine.
 */
public interface Worker extends AutoCloseable {

  /** Unique among the manager's workers. */
  String id();

  /** The memory, in MB, that this worker may give to environments in total. */
  long capacityMb();

  /**
   * Starts an environment of {@code spec}: a sandbox with its runtime process, whose Init then runs
   * in the background.
   *
   * @throws EnvironmentStartException when no environment can be started for the spec
   */
  EnvironmentId start(FunctionSpec spec, InitializationType type);

  /**
   * Waits for the environment's Init to end: nothing when it succeeded (the environment is then
   * idle), or the failure (the environment is then stopped).
   */
  Optional<InvokeOutcome> initialize(EnvironmentId environment);

  /** Runs one invocation in the environment, which must not be serving another. */
  Invoked invoke(EnvironmentId environment, Invocation invocation);

  /** Shuts the environment down; stopping an unknown or stopped environment does nothing. */
  void stop(EnvironmentId environment);

  /** Environments currently alive on this worker. */
  int environmentCount();

  /** Stops every environment. */
  @Override
  void close();
}
