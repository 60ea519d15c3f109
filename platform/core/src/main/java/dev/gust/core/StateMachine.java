package dev.gust.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A declared lifecycle: the states of an enum and the transitions allowed between them, some of
 * them named by the event that causes them. Every move a component makes goes through {@link #move}
 * or {@link #fire}, which return the new state or throw {@link IllegalTransitionException} for a
 * move the table does not declare: an undeclared move is a bug, never a client error.
 *
 * <p>A machine holds no current state: the caller keeps it wherever it lives and asks the machine
 * to check each move. For a field guarded by a lock, {@code state = TRANSITIONS.move(state, BUSY)};
 * for a persisted row, read its state column in the transaction, move, write:
 *
 * <pre>{@code
 * Status from = Status.valueOf(rows.getString("status"));
 * Status to = Status.TRANSITIONS.move(from, Status.READY);   // throws before anything is written
 * update.setString(1, to.name());
 * }</pre>
 *
 * An {@code UPDATE ... WHERE state IN (...)} that must not read first takes its guard from {@link
 * #sources}. A declaration reads as a table, one row per transition:
 *
 * <pre>{@code
 * static final StateMachine<State> TRANSITIONS =
 *     StateMachine.declare("execution environment", State.class)
 *         .on("invoke", IDLE, BUSY)
 *         .on("finished", BUSY, IDLE)
 *         .allow(BUSY, STOPPED)
 *         .build();
 * }</pre>
 *
 * <p>Tests check that they exercise every declared transition with a {@link TransitionCoverage}
 * from {@link #cover}, to which the machine reports each move it allows.
 *
 * <p>Implementation notes. A machine is immutable once built and safe to share between threads; it
 * lives in a {@code static final} field next to its enum. Its one mutable part is the list of open
 * coverage recorders, a copy-on-write list that is empty outside tests, so that a move costs an
 * enum-map lookup, a bit test and one volatile read, and allocates nothing.
 *
 * @param <S> the states
 */
public final class StateMachine<S extends Enum<S>> {

  private final String name;
  private final Class<S> states;
  private final Set<Transition<S>> transitions;
  private final Map<S, Set<S>> targets;
  private final Map<S, Set<S>> sources;
  private final Map<String, Map<S, S>> events;
  private final List<TransitionCoverage<S>> recorders = new CopyOnWriteArrayList<>();

  private StateMachine(Builder<S> builder) {
    this.name = builder.name;
    this.states = builder.states;
    this.transitions = Collections.unmodifiableSet(new LinkedHashSet<>(builder.transitions));
    Map<S, Set<S>> to = new EnumMap<>(states);
    Map<S, Set<S>> from = new EnumMap<>(states);
    for (S state : states.getEnumConstants()) {
      to.put(state, EnumSet.noneOf(states));
      from.put(state, EnumSet.noneOf(states));
    }
    for (Transition<S> t : transitions) {
      to.get(t.from()).add(t.to());
      from.get(t.to()).add(t.from());
    }
    to.replaceAll((state, set) -> Collections.unmodifiableSet(set));
    from.replaceAll((state, set) -> Collections.unmodifiableSet(set));
    this.targets = to;
    this.sources = from;
    Map<String, Map<S, S>> named = new HashMap<>();
    builder.events.forEach(
        (event, moves) -> named.put(event, Collections.unmodifiableMap(new EnumMap<>(moves))));
    this.events = Collections.unmodifiableMap(named);
  }

  /**
   * Starts the declaration of the lifecycle {@code name} (used in messages) over {@code states}.
   */
  public static <S extends Enum<S>> Builder<S> declare(String name, Class<S> states) {
    return new Builder<>(name, states);
  }

  /** What the lifecycle is called in messages, such as {@code "execution environment"}. */
  public String name() {
    return name;
  }

  /** Every declared transition, in the order of declaration. */
  public Set<Transition<S>> transitions() {
    return transitions;
  }

  /** The states {@code from} may move to; empty for a final state. */
  public Set<S> targets(S from) {
    return targets.get(Objects.requireNonNull(from, "from"));
  }

  /**
   * The states that may move to {@code to}: the guard of a conditional update of a stored state.
   */
  public Set<S> sources(S to) {
    return sources.get(Objects.requireNonNull(to, "to"));
  }

  /** Whether the move from {@code from} to {@code to} is declared. */
  public boolean allows(S from, S to) {
    return targets(from).contains(Objects.requireNonNull(to, "to"));
  }

  /**
   * Checks the move from {@code from} to {@code to} and reports it to open coverage recorders.
   *
   * @return {@code to}
   * @throws IllegalTransitionException if the move is not declared
   */
  public S move(S from, S to) {
    if (!allows(from, to)) {
      throw new IllegalTransitionException(
          name + ": undeclared transition " + from + " -> " + to, from);
    }
    report(from, to);
    return to;
  }

  /**
   * The state that {@code event} moves {@code from} to, after reporting the move to open coverage
   * recorders.
   *
   * @throws IllegalTransitionException if {@code event} is not declared from {@code from}
   * @throws IllegalArgumentException if no transition is named {@code event}: a typo
   */
  public S fire(String event, S from) {
    Map<S, S> moves = events.get(event);
    if (moves == null) {
      throw new IllegalArgumentException(name + ": no transition is named '" + event + "'");
    }
    S to = moves.get(Objects.requireNonNull(from, "from"));
    if (to == null) {
      throw new IllegalTransitionException(
          name + ": undeclared transition " + from + " on '" + event + "'", from);
    }
    report(from, to);
    return to;
  }

  /**
   * Starts recording the moves this machine allows, until {@link
   * TransitionCoverage#assertAllExercised}; for tests.
   */
  public TransitionCoverage<S> cover() {
    TransitionCoverage<S> coverage = new TransitionCoverage<>(this);
    recorders.add(coverage);
    return coverage;
  }

  void stopReporting(TransitionCoverage<S> coverage) {
    recorders.remove(coverage);
  }

  private void report(S from, S to) {
    if (!recorders.isEmpty()) {
      Transition<S> transition = new Transition<>(from, to);
      recorders.forEach(r -> r.record(transition));
    }
  }

  @Override
  public String toString() {
    return name + " " + transitions;
  }

  /** One declared move. */
  public record Transition<S extends Enum<S>>(S from, S to) {

    public Transition {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public String toString() {
      return from + " -> " + to;
    }
  }

  /** The transition table being declared; one call a row. */
  public static final class Builder<S extends Enum<S>> {

    private final String name;
    private final Class<S> states;
    private final Set<Transition<S>> transitions = new LinkedHashSet<>();
    private final Map<String, Map<S, S>> events = new HashMap<>();

    private Builder(String name, Class<S> states) {
      this.name = Objects.requireNonNull(name, "name");
      this.states = Objects.requireNonNull(states, "states");
    }

    /**
     * Declares the move from {@code from} to {@code to}.
     *
     * @throws IllegalArgumentException if it is declared already
     */
    public Builder<S> allow(S from, S to) {
      if (!transitions.add(new Transition<>(from, to))) {
        throw new IllegalArgumentException(name + ": " + from + " -> " + to + " declared twice");
      }
      return this;
    }

    /**
     * Declares the move from {@code from} to {@code to}, unless declared already, and names it
     * {@code event}: {@link #fire fire(event, from)} makes it.
     *
     * @throws IllegalArgumentException if {@code event} is blank, or moves {@code from} elsewhere
     *     already
     */
    public Builder<S> on(String event, S from, S to) {
      if (event.isBlank()) {
        throw new IllegalArgumentException(name + ": an event needs a name");
      }
      transitions.add(new Transition<>(from, to));
      S before = events.computeIfAbsent(event, e -> new EnumMap<>(states)).putIfAbsent(from, to);
      if (before != null) {
        throw new IllegalArgumentException(
            name + ": '" + event + "' moves " + from + " to " + before + " already");
      }
      return this;
    }

    public StateMachine<S> build() {
      return new StateMachine<>(this);
    }
  }
}
