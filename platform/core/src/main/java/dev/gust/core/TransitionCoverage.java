package dev.gust.core;

import dev.gust.core.StateMachine.Transition;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transitions of one {@link StateMachine} that were exercised while this recorder was open: a
 * test class opens one when it starts and fails in its last step if a declared transition was never
 * made. The machine reports every move it allows, whichever thread or component made it, so the
 * test drives the component as clients do and never reports moves itself:
 *
 * <pre>{@code
 * private static final TransitionCoverage<EnvironmentState> COVERAGE =
 *     EnvironmentState.TRANSITIONS.cover();
 *
 * // in the test class's AfterAll method:
 * COVERAGE.assertAllExercised();
 * }</pre>
 *
 * <p>A recorder counts the moves of every component in the JVM that uses the machine, so what a
 * test class left running in the background may add to the next class's record; test classes run
 * one after another, and a stray move can only hide a gap, never fail a test.
 *
 * @param <S> the states of the machine
 */
public final class TransitionCoverage<S extends Enum<S>> {

  private final StateMachine<S> machine;
  private final Set<Transition<S>> exercised = ConcurrentHashMap.newKeySet();

  TransitionCoverage(StateMachine<S> machine) {
    this.machine = machine;
  }

  void record(Transition<S> transition) {
    exercised.add(transition);
  }

  /** The declared transitions exercised so far. */
  public Set<Transition<S>> exercised() {
    Set<Transition<S>> done = new LinkedHashSet<>(machine.transitions());
    done.retainAll(exercised);
    return done;
  }

  /** The declared transitions not exercised so far, in the order of declaration. */
  public Set<Transition<S>> missed() {
    Set<Transition<S>> missed = new LinkedHashSet<>(machine.transitions());
    missed.removeAll(exercised);
    return missed;
  }

  /**
   * Stops recording, then fails unless every declared transition was exercised.
   *
   * @throws AssertionError naming each declared transition never exercised
   */
  public void assertAllExercised() {
    machine.stopReporting(this);
    Set<Transition<S>> missed = missed();
    if (!missed.isEmpty()) {
      throw new AssertionError(
          "declared transitions of the " + machine.name() + " never exercised: " + missed);
    }
  }
}
