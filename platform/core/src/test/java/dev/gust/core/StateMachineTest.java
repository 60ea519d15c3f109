package dev.gust.core;

import static dev.gust.core.StateMachineTest.Message.DELETED;
import static dev.gust.core.StateMachineTest.Message.IN_FLIGHT;
import static dev.gust.core.StateMachineTest.Message.VISIBLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.StateMachine.Transition;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The helper on a queue message's lifecycle: the table, named events, guards and coverage. */
class StateMachineTest {

  enum Message {
    VISIBLE,
    IN_FLIGHT,
    DELETED
  }

  private static final StateMachine<Message> MESSAGE =
      StateMachine.declare("message", Message.class)
          .on("receive", VISIBLE, IN_FLIGHT)
          .on("receive", IN_FLIGHT, IN_FLIGHT)
          .on("timeout", IN_FLIGHT, VISIBLE)
          .on("delete", IN_FLIGHT, DELETED)
          .allow(VISIBLE, DELETED)
          .build();

  /** Every pair of states, and whether the table allows the move. */
  static Stream<Arguments> moves() {
    return Stream.of(
        Arguments.of(VISIBLE, VISIBLE, false),
        Arguments.of(VISIBLE, IN_FLIGHT, true),
        Arguments.of(VISIBLE, DELETED, true),
        Arguments.of(IN_FLIGHT, VISIBLE, true),
        Arguments.of(IN_FLIGHT, IN_FLIGHT, true),
        Arguments.of(IN_FLIGHT, DELETED, true),
        Arguments.of(DELETED, VISIBLE, false),
        Arguments.of(DELETED, IN_FLIGHT, false),
        Arguments.of(DELETED, DELETED, false));
  }

  @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
  @MethodSource("moves")
  void moveReturnsTheNewStateOrRefusesAnUndeclaredMove(Message from, Message to, boolean allowed) {
    assertThat(MESSAGE.allows(from, to)).isEqualTo(allowed);
    assertThat(MESSAGE.targets(from).contains(to)).isEqualTo(allowed);
    assertThat(MESSAGE.sources(to).contains(from)).isEqualTo(allowed);
    if (allowed) {
      assertThat(MESSAGE.move(from, to)).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> MESSAGE.move(from, to))
          .isInstanceOfSatisfying(
              IllegalTransitionException.class, e -> assertThat(e.from()).isEqualTo(from))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("message: undeclared transition " + from + " -> " + to);
    }
  }

  /** Every event from every state: where it leads, or null where it is not declared. */
  static Stream<Arguments> events() {
    return Stream.of(
        Arguments.of("receive", VISIBLE, IN_FLIGHT),
        Arguments.of("receive", IN_FLIGHT, IN_FLIGHT),
        Arguments.of("receive", DELETED, null),
        Arguments.of("timeout", VISIBLE, null),
        Arguments.of("timeout", IN_FLIGHT, VISIBLE),
        Arguments.of("timeout", DELETED, null),
        Arguments.of("delete", VISIBLE, null),
        Arguments.of("delete", IN_FLIGHT, DELETED),
        Arguments.of("delete", DELETED, null));
  }

  @ParameterizedTest(name = "{0} from {1} -> {2}")
  @MethodSource("events")
  void anEventMovesOnlyFromTheStatesItIsDeclaredFrom(String event, Message from, Message to) {
    if (to != null) {
      assertThat(MESSAGE.fire(event, from)).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> MESSAGE.fire(event, from))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessage("message: undeclared transition " + from + " on '" + event + "'");
    }
  }

  @Test
  void anUnknownEventIsATypo() {
    assertThatThrownBy(() -> MESSAGE.fire("recieve", VISIBLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("message: no transition is named 'recieve'");
  }

  @Test
  void aFinalStateHasNoTargetsAndTheTransitionsKeepTheirOrder() {
    assertThat(MESSAGE.targets(DELETED)).isEmpty();
    assertThat(MESSAGE.sources(VISIBLE)).containsExactly(IN_FLIGHT);
    assertThat(MESSAGE.transitions())
        .containsExactly(
            new Transition<>(VISIBLE, IN_FLIGHT),
            new Transition<>(IN_FLIGHT, IN_FLIGHT),
            new Transition<>(IN_FLIGHT, VISIBLE),
            new Transition<>(IN_FLIGHT, DELETED),
            new Transition<>(VISIBLE, DELETED));
  }

  @Test
  void aStoredStateIsCheckedAsItWasRead() {
    // A row's state column, as a store reads it, and the guard of a conditional update.
    Message stored = Message.valueOf("IN_FLIGHT");
    assertThat(MESSAGE.move(stored, VISIBLE).name()).isEqualTo("VISIBLE");
    assertThat(MESSAGE.sources(DELETED)).isEqualTo(EnumSet.of(VISIBLE, IN_FLIGHT));
  }

  @Test
  void badTablesAreRefused() {
    assertThatThrownBy(
            () ->
                StateMachine.declare("m", Message.class)
                    .allow(VISIBLE, DELETED)
                    .allow(VISIBLE, DELETED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("m: VISIBLE -> DELETED declared twice");
    assertThatThrownBy(
            () ->
                StateMachine.declare("m", Message.class)
                    .on("go", VISIBLE, IN_FLIGHT)
                    .on("go", VISIBLE, DELETED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("m: 'go' moves VISIBLE to IN_FLIGHT already");
    assertThatThrownBy(() -> StateMachine.declare("m", Message.class).on(" ", VISIBLE, DELETED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void coverageNamesTheTransitionsNeverExercisedWhileItWasOpen() {
    MESSAGE.move(VISIBLE, DELETED); // before the recorder opens: not counted
    TransitionCoverage<Message> coverage = MESSAGE.cover();
    MESSAGE.fire("receive", VISIBLE);
    MESSAGE.move(IN_FLIGHT, VISIBLE);
    assertThatThrownBy(() -> MESSAGE.move(DELETED, VISIBLE)); // refused: not counted
    assertThat(coverage.exercised())
        .containsExactly(
            new Transition<>(VISIBLE, IN_FLIGHT), new Transition<>(IN_FLIGHT, VISIBLE));

    assertThatThrownBy(coverage::assertAllExercised)
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "declared transitions of the message never exercised:"
                + " [IN_FLIGHT -> IN_FLIGHT, IN_FLIGHT -> DELETED, VISIBLE -> DELETED]");
    MESSAGE.fire("delete", IN_FLIGHT); // after the recorder closed: not counted
    assertThat(coverage.missed()).hasSize(3);
  }

  @Test
  void coverageOfEveryDeclaredTransitionPasses() {
    TransitionCoverage<Message> coverage = MESSAGE.cover();
    for (Transition<Message> t : List.copyOf(MESSAGE.transitions())) {
      MESSAGE.move(t.from(), t.to());
    }
    assertThat(coverage.missed()).isEmpty();
    coverage.assertAllExercised();
  }
}
