package dev.gust.eventbridge;

import static dev.gust.eventbridge.EventBridgeErrors.SERIALIZATION;
import static dev.gust.eventbridge.EventBridgeErrors.VALIDATION;

import dev.gust.core.AwsException;
import dev.gust.wire.CommonErrors;
import dev.gust.wire.ErrorTable;
import dev.gust.wire.Member;
import dev.gust.wire.ServiceModel;
import dev.gust.wire.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EventBridge's wire, declared once: JSON 1.1 under {@code X-Amz-Target: AWSEvents.<Operation>},
 * one command record per operation Gust serves, with the members and constraints of AWS's model,
 * the structures they share with the replies ({@link EventBridgeReplyModel}), and the operations of
 * AWS's API not served yet. Errors carry their plain code in {@code __type}; tags are the wire's
 * {@link Tag}.
 */
final class EventBridgeModel {

  private EventBridgeModel() {}

  /** A rule name, a target id. */
  static final String RULE_NAME = "[\\.\\-_A-Za-z0-9]+";

  /** A bus name; only partner buses have a {@code /}. */
  static final String BUS_NAME = "[/\\.\\-_A-Za-z0-9]+";

  private static final String BUS_ARN_PREFIX =
      "(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?";

  /** A bus named by its name or its ARN. */
  static final String BUS_NAME_OR_ARN = BUS_ARN_PREFIX + BUS_NAME;

  /** A bus that events may be put on, by name or ARN: not a partner bus. */
  static final String NON_PARTNER_BUS_NAME_OR_ARN = BUS_ARN_PREFIX + RULE_NAME;

  /** The commands of the EventBridge API. */
  sealed interface Command {}

  // ---- buses ------------------------------------------------------------------------------

  record CreateEventBus(
      @Member.Length(min = 1, max = 256) @Member.Pattern(BUS_NAME) String name,
      @Member.Length(max = 512) Optional<String> description,
      List<Tag> tags)
      implements Command {}

  record DeleteEventBus(@Member.Length(min = 1, max = 256) @Member.Pattern(BUS_NAME) String name)
      implements Command {}

  record DescribeEventBus(
      @Member.Length(min = 1, max = 1600) @Member.Pattern(BUS_NAME_OR_ARN) Optional<String> name)
      implements Command {}

  record ListEventBuses(
      @Member.Length(min = 1, max = 256) @Member.Pattern(BUS_NAME) Optional<String> namePrefix,
      @Member.Length(min = 1, max = 2048) Optional<String> nextToken,
      @Member.Range(min = 1, max = 100) Optional<Integer> limit)
      implements Command {}

  // ---- events -----------------------------------------------------------------------------

  record PutEvents(
      @Member.Required @Member.Length(min = 1, max = 10) List<PutEventsRequestEntry> entries)
      implements Command {}

  /** One event to put; what an entry lacks fails that entry alone, not the request. */
  record PutEventsRequestEntry(
      Optional<Instant> time,
      Optional<String> source,
      List<String> resources,
      Optional<String> detailType,
      Optional<String> detail,
      @Member.Length(min = 1, max = 1600) @Member.Pattern(NON_PARTNER_BUS_NAME_OR_ARN)
          Optional<String> eventBusName,
      @Member.Length(min = 1, max = 500) Optional<String> traceHeader) {}

  record TestEventPattern(@Member.Length(max = 4096) String eventPattern, String event)
      implements Command {}

  // ---- rules ------------------------------------------------------------------------------

  record PutRule(
      @Member.Length(min = 1, max = 64) @Member.Pattern(RULE_NAME) String name,
      @Member.Length(max = 256) Optional<String> scheduleExpression,
      @Member.Length(max = 4096) Optional<String> eventPattern,
      Optional<BusRule.State> state,
      @Member.Length(max = 512) Optional<String> description,
      @Member.Length(min = 1, max = 1600) Optional<String> roleArn,
      List<Tag> tags,
      @Member.Length(min = 1, max = 1600) @Member.Pattern(BUS_NAME_OR_ARN)
          Optional<String> eventBusName)
      implements Command {}

  record DeleteRule(
      @Member.Length(min = 1, max = 64) @Member.Pattern(RULE_NAME) String name,
      @Member.Length(min = 1, max = 1600) @Member.Pattern(BUS_NAME_OR_ARN)
          Optional<String> eventBusName,
      Optional<Boolean> force)
      implements Command {}

  record DescribeRule(
      @Member.Length(min = 1, max = 64) @Member.Pattern(RULE_NAME) String name,
      @Member.Length(min = 1, max = 1600) @Member.Pattern(BUS_NAME_OR_ARN)
          Optional<String> eventBusName)
      implements Command {}

  record EnableRule(
      @Member.Length(min = 1, max = 64) @Member.Pattern(RULE_NAME) String name,
      @Member.Length(min = 1, max = 1600) @Member.Pattern(BUS_NAME_OR_ARN)
          Optional<String> eventBusName)
      implements Command {}

  record DisableRule(
      @Member.Length(min = 1, max = 64) @Member.Pattern(RULE_NAME) String name,
      @Member.Length(min = 1, max = 1600) @Member.Pattern(BUS_NAME_OR_ARN)
          Optional<String> eventBusName)
      implements Command {}

  record ListRules(
      @Member.Length(min = 1, max = 64) @Member.Pattern(RULE_NAME) Optional<String> namePrefix,
      @Member.Length(min = 1, max = 1600) @Member.Pattern(BUS_NAME_OR_ARN)
          Optional<String> eventBusName,
      @Member.Length(min = 1, max = 2048) Optional<String> nextToken,
      @Member.Range(min = 1, max = 100) Optional<Integer> limit)
      implements Command {}

  record ListRuleNamesByTarget(
      @Member.Length(min = 1, max = 1600) String targetArn,
      @Member.Length(min = 1, max = 1600) @Member.Pattern(BUS_NAME_OR_ARN)
          Optional<String> eventBusName,
      @Member.Length(min = 1, max = 2048) Optional<String> nextToken,
      @Member.Range(min = 1, max = 100) Optional<Integer> limit)
      implements Command {}

  // ---- targets ----------------------------------------------------------------------------

  record PutTargets(
      @Member.Length(min = 1, max = 64) @Member.Pattern(RULE_NAME) String rule,
      @Member.Length(min = 1, max = 1600) @Member.Pattern(BUS_NAME_OR_ARN)
          Optional<String> eventBusName,
      @Member.Required @Member.Length(min = 1, max = 100) List<Target> targets)
      implements Command {}

  record RemoveTargets(
      @Member.Length(min = 1, max = 64) @Member.Pattern(RULE_NAME) String rule,
      @Member.Length(min = 1, max = 1600) @Member.Pattern(BUS_NAME_OR_ARN)
          Optional<String> eventBusName,
      @Member.Required @Member.Length(min = 1, max = 100) List<String> ids,
      Optional<Boolean> force)
      implements Command {}

  record ListTargetsByRule(
      @Member.Length(min = 1, max = 64) @Member.Pattern(RULE_NAME) String rule,
      @Member.Length(min = 1, max = 1600) @Member.Pattern(BUS_NAME_OR_ARN)
          Optional<String> eventBusName,
      @Member.Length(min = 1, max = 2048) Optional<String> nextToken,
      @Member.Range(min = 1, max = 100) Optional<Integer> limit)
      implements Command {}

  /**
   * A rule target, as PutTargets takes it and ListTargetsByRule returns it. The parameters of
   * target kinds Gust does not deliver to (ECS, Batch, Kinesis, HTTP...) are not read.
   */
  record Target(
      @Member.Length(min = 1, max = 64) @Member.Pattern(RULE_NAME) String id,
      @Member.Length(min = 1, max = 1600) String arn,
      @Member.Length(min = 1, max = 1600) Optional<String> roleArn,
      @Member.Length(max = 8192) Optional<String> input,
      @Member.Length(max = 256) Optional<String> inputPath,
      Optional<InputTransformer> inputTransformer,
      Optional<RetryPolicy> retryPolicy,
      Optional<DeadLetterConfig> deadLetterConfig) {}

  record InputTransformer(
      @Member.Length(max = 100) Map<String, String> inputPathsMap,
      @Member.Length(min = 1, max = 8192) String inputTemplate) {}

  record RetryPolicy(
      @Member.Range(min = 0, max = 185) Optional<Integer> maximumRetryAttempts,
      @Member.Range(min = 60, max = 86_400) Optional<Integer> maximumEventAgeInSeconds) {}

  record DeadLetterConfig(@Member.Length(min = 1, max = 1600) Optional<String> arn) {}

  // ---- tags -------------------------------------------------------------------------------

  record TagResource(
      @Member.Name("ResourceARN") @Member.Length(min = 1, max = 1600) String resourceArn,
      @Member.Required List<Tag> tags)
      implements Command {}

  record UntagResource(
      @Member.Name("ResourceARN") @Member.Length(min = 1, max = 1600) String resourceArn,
      @Member.Required List<String> tagKeys)
      implements Command {}

  record ListTagsForResource(
      @Member.Name("ResourceARN") @Member.Length(min = 1, max = 1600) String resourceArn)
      implements Command {}

  /** An operation of AWS's EventBridge API that Gust does not serve yet. */
  record Unsupported(String operation) implements Command {}

  static final ServiceModel<Command> MODEL =
      ServiceModel.builder("events", Command.class)
          .json("AWSEvents", "application/x-amz-json-1.1")
          .errors(ErrorTable.plain())
          .serializationError(SERIALIZATION)
          .validationError(VALIDATION)
          .unknownOperation(EventBridgeModel::notImplemented)
          .unsupported(
              Unsupported::new,
              "ActivateEventSource",
              "CancelReplay",
              "CreateApiDestination",
              "CreateArchive",
              "CreateConnection",
              "CreateEndpoint",
              "CreatePartnerEventSource",
              "DeactivateEventSource",
              "DeauthorizeConnection",
              "DeleteApiDestination",
              "DeleteArchive",
              "DeleteConnection",
              "DeleteEndpoint",
              "DeletePartnerEventSource",
              "DescribeApiDestination",
              "DescribeArchive",
              "DescribeConnection",
              "DescribeEndpoint",
              "DescribeEventSource",
              "DescribePartnerEventSource",
              "DescribeReplay",
              "ListApiDestinations",
              "ListArchives",
              "ListConnections",
              "ListEndpoints",
              "ListEventSources",
              "ListPartnerEventSourceAccounts",
              "ListPartnerEventSources",
              "ListReplays",
              "PutPartnerEvents",
              "PutPermission",
              "RemovePermission",
              "StartReplay",
              "UpdateApiDestination",
              "UpdateArchive",
              "UpdateConnection",
              "UpdateEndpoint",
              "UpdateEventBus")
          .build();

  /** The answer to an operation Gust does not serve, whether AWS's API has it or not. */
  static AwsException notImplemented(String operation) {
    return CommonErrors.UNKNOWN_OPERATION.exception(
        "Gust does not implement AWSEvents.%s", operation);
  }
}
