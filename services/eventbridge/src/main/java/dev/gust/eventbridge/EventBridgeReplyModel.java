package dev.gust.eventbridge;

import dev.gust.eventbridge.EventBridgeModel.Target;
import dev.gust.wire.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The replies of the EventBridge API, as records the wire writes: absent members are left out, and
 * the lists AWS always sends, even empty, are {@code Optional.of(list)}.
 */
final class EventBridgeReplyModel {

  private EventBridgeReplyModel() {}

  record CreateEventBusReply(String eventBusArn) {}

  /** A bus, as DescribeEventBus returns it and ListEventBuses lists it. */
  record EventBus(
      String name,
      String arn,
      Optional<String> description,
      Optional<Instant> creationTime,
      Optional<Instant> lastModifiedTime) {}

  record ListEventBusesReply(Optional<List<EventBus>> eventBuses, Optional<String> nextToken) {}

  record PutEventsReply(int failedEntryCount, List<PutEventsResultEntry> entries) {}

  /** The outcome of one entry: its event id, or why it failed. */
  record PutEventsResultEntry(
      Optional<String> eventId, Optional<String> errorCode, Optional<String> errorMessage) {}

  record TestEventPatternReply(boolean result) {}

  record PutRuleReply(String ruleArn) {}

  /** A rule, as DescribeRule returns it (with its creator) and ListRules lists it. */
  record Rule(
      String name,
      String arn,
      Optional<String> eventPattern,
      Optional<String> scheduleExpression,
      BusRule.State state,
      Optional<String> description,
      Optional<String> roleArn,
      String eventBusName,
      Optional<String> createdBy) {}

  record ListRulesReply(Optional<List<Rule>> rules, Optional<String> nextToken) {}

  record ListRuleNamesByTargetReply(Optional<List<String>> ruleNames, Optional<String> nextToken) {}

  /** The reply of PutTargets and RemoveTargets: the targets that failed, with their errors. */
  record TargetsReply(int failedEntryCount, Optional<List<FailedTarget>> failedEntries) {

    /** Every target put or removed. */
    static final TargetsReply ALL_DONE = new TargetsReply(0, Optional.of(List.of()));
  }

  record FailedTarget(String targetId, String errorCode, String errorMessage) {}

  record ListTargetsByRuleReply(Optional<List<Target>> targets, Optional<String> nextToken) {}

  record ListTagsForResourceReply(Optional<List<Tag>> tags) {}
}
