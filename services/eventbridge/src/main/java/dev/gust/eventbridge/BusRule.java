package dev.gust.eventbridge;

import java.util.Optional;

/**
 * An EventBridge rule on a bus: an event pattern, a schedule, or both.
 *
 * @param bus the name of the bus the rule belongs to
 * @param name the rule's name, unique on its bus
 * @param eventPattern the event-ruler pattern events must match
 * @param scheduleExpression {@code rate(...)} or {@code cron(...)}
 * @param state {@code ENABLED}, {@code DISABLED} or {@code
 *     ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS}
 * @param createdMillis when the rule was first put; rate schedules count from it
 */
record BusRule(
    String bus,
    String name,
    Optional<String> eventPattern,
    Optional<String> scheduleExpression,
    String state,
    Optional<String> description,
    Optional<String> roleArn,
    long createdMillis) {

  static final String ENABLED = "ENABLED";
  static final String DISABLED = "DISABLED";

  boolean enabled() {
    return !state.equals(DISABLED);
  }

  BusRule withState(String next) {
    return new BusRule(
        bus, name, eventPattern, scheduleExpression, next, description, roleArn, createdMillis);
  }
}
