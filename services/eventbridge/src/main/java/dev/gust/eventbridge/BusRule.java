package dev.gust.eventbridge;

import java.util.Optional;

/**
 * An EventBridge rule on a bus: an event pattern, a schedule, or both.
 *
 * @param bus the name of the bus the rule belongs to
 * @param name the rule's name, unique on its bus
 * @param eventPattern the event-ruler pattern events must match
 * @param scheduleExpression {@code rate(...)} or {@code cron(...)}
 * @param state whether the rule matches events and fires its schedule
 * @param createdMillis when the rule was first put; rate schedules count from it
 */
record BusRule(
    String bus,
    String name,
    Optional<String> eventPattern,
    Optional<String> scheduleExpression,
    State state,
    Optional<String> description,
    Optional<String> roleArn,
    long createdMillis) {

  /**
   * A rule's state; the constants are EventBridge's names. Gust sees no CloudTrail management
   * events, so {@code ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS} matches as {@code ENABLED}.
   */
  enum State {
    ENABLED,
    DISABLED,
    ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS
  }

  boolean enabled() {
    return state != State.DISABLED;
  }

  BusRule withState(State next) {
    return new BusRule(
        bus, name, eventPattern, scheduleExpression, next, description, roleArn, createdMillis);
  }
}
