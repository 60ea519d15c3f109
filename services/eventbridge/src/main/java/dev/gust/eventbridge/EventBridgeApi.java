package dev.gust.eventbridge;

import static dev.gust.eventbridge.EventBridgeErrors.VALIDATION;

import dev.gust.core.Scope;
import dev.gust.eventbridge.EventBridgeModel.Command;
import dev.gust.eventbridge.EventBridgeModel.CreateEventBus;
import dev.gust.eventbridge.EventBridgeModel.DeadLetterConfig;
import dev.gust.eventbridge.EventBridgeModel.DeleteEventBus;
import dev.gust.eventbridge.EventBridgeModel.DeleteRule;
import dev.gust.eventbridge.EventBridgeModel.DescribeEventBus;
import dev.gust.eventbridge.EventBridgeModel.DescribeRule;
import dev.gust.eventbridge.EventBridgeModel.DisableRule;
import dev.gust.eventbridge.EventBridgeModel.EnableRule;
import dev.gust.eventbridge.EventBridgeModel.InputTransformer;
import dev.gust.eventbridge.EventBridgeModel.ListEventBuses;
import dev.gust.eventbridge.EventBridgeModel.ListRuleNamesByTarget;
import dev.gust.eventbridge.EventBridgeModel.ListRules;
import dev.gust.eventbridge.EventBridgeModel.ListTagsForResource;
import dev.gust.eventbridge.EventBridgeModel.ListTargetsByRule;
import dev.gust.eventbridge.EventBridgeModel.PutEvents;
import dev.gust.eventbridge.EventBridgeModel.PutEventsRequestEntry;
import dev.gust.eventbridge.EventBridgeModel.PutRule;
import dev.gust.eventbridge.EventBridgeModel.PutTargets;
import dev.gust.eventbridge.EventBridgeModel.RemoveTargets;
import dev.gust.eventbridge.EventBridgeModel.RetryPolicy;
import dev.gust.eventbridge.EventBridgeModel.TagResource;
import dev.gust.eventbridge.EventBridgeModel.Target;
import dev.gust.eventbridge.EventBridgeModel.TestEventPattern;
import dev.gust.eventbridge.EventBridgeModel.Unsupported;
import dev.gust.eventbridge.EventBridgeModel.UntagResource;
import dev.gust.eventbridge.EventBridgeReplyModel.CreateEventBusReply;
import dev.gust.eventbridge.EventBridgeReplyModel.EventBus;
import dev.gust.eventbridge.EventBridgeReplyModel.ListEventBusesReply;
import dev.gust.eventbridge.EventBridgeReplyModel.ListRuleNamesByTargetReply;
import dev.gust.eventbridge.EventBridgeReplyModel.ListRulesReply;
import dev.gust.eventbridge.EventBridgeReplyModel.ListTagsForResourceReply;
import dev.gust.eventbridge.EventBridgeReplyModel.ListTargetsByRuleReply;
import dev.gust.eventbridge.EventBridgeReplyModel.PutEventsReply;
import dev.gust.eventbridge.EventBridgeReplyModel.PutEventsResultEntry;
import dev.gust.eventbridge.EventBridgeReplyModel.PutRuleReply;
import dev.gust.eventbridge.EventBridgeReplyModel.Rule;
import dev.gust.eventbridge.EventBridgeReplyModel.TargetsReply;
import dev.gust.eventbridge.EventBridgeReplyModel.TestEventPatternReply;
import dev.gust.wire.Empty;
import dev.gust.wire.Page;
import dev.gust.wire.RequestContext;
import dev.gust.wire.Route;
import dev.gust.wire.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The EventBridge API: each command of {@link EventBridgeModel} runs against {@link Buses}, in the
 * caller's account and region, and answers with a reply of {@link EventBridgeReplyModel}. Wire
 * values become domain ones here: a bus named by name or ARN becomes its name, tag lists become
 * maps, targets become {@link RuleTarget}s.
 */
final class EventBridgeApi {

  /** The page size of list operations called without {@code Limit}. */
  private static final int DEFAULT_LIMIT = 100;

  private final Buses buses;

  EventBridgeApi(Buses buses) {
    this.buses = buses;
  }

  List<Route> routes() {
    return EventBridgeModel.MODEL.routes(this::handle);
  }

  Object handle(Command command, RequestContext context) {
    Scope scope = context.scope();
    return switch (command) {
      case CreateEventBus create -> {
        BusStore.Bus bus =
            buses.createBus(scope, create.name(), create.description(), tags(create.tags()));
        yield new CreateEventBusReply(Buses.busArn(scope, bus.name()));
      }
      case DeleteEventBus delete -> {
        buses.deleteBus(scope, delete.name());
        yield Empty.INSTANCE;
      }
      case DescribeEventBus describe ->
          eventBus(scope, buses.describeBus(scope, bus(describe.name())));
      case ListEventBuses list -> {
        Page<EventBus> page =
            page(
                    buses.listBuses(scope, list.namePrefix()),
                    BusStore.Bus::name,
                    list.nextToken(),
                    list.limit())
                .map(b -> eventBus(scope, b));
        yield new ListEventBusesReply(Optional.of(page.items()), page.nextToken());
      }
      case PutEvents put -> putEvents(scope, put.entries());
      case TestEventPattern test ->
          new TestEventPatternReply(Buses.testEventPattern(test.eventPattern(), test.event()));
      case PutRule put -> new PutRuleReply(buses.putRule(scope, rule(put), tags(put.tags())));
      case DeleteRule delete -> {
        buses.deleteRule(
            scope, bus(delete.eventBusName()), delete.name(), delete.force().orElse(false));
        yield Empty.INSTANCE;
      }
      case DescribeRule describe -> {
        BusRule rule = buses.describeRule(scope, bus(describe.eventBusName()), describe.name());
        yield rule(scope, rule, Optional.of(scope.account()));
      }
      case EnableRule enable -> {
        buses.setState(scope, bus(enable.eventBusName()), enable.name(), BusRule.State.ENABLED);
        yield Empty.INSTANCE;
      }
      case DisableRule disable -> {
        buses.setState(scope, bus(disable.eventBusName()), disable.name(), BusRule.State.DISABLED);
        yield Empty.INSTANCE;
      }
      case ListRules list -> {
        List<BusRule> rules = buses.listRules(scope, bus(list.eventBusName()), list.namePrefix());
        Page<Rule> page =
            page(rules, BusRule::name, list.nextToken(), list.limit())
                .map(r -> rule(scope, r, Optional.empty()));
        yield new ListRulesReply(Optional.of(page.items()), page.nextToken());
      }
      case ListRuleNamesByTarget list -> {
        List<String> names =
            buses.ruleNamesByTarget(scope, bus(list.eventBusName()), list.targetArn());
        Page<String> page = page(names, Function.identity(), list.nextToken(), list.limit());
        yield new ListRuleNamesByTargetReply(Optional.of(page.items()), page.nextToken());
      }
      case PutTargets put -> {
        List<RuleTarget> targets = put.targets().stream().map(EventBridgeApi::target).toList();
        buses.putTargets(scope, bus(put.eventBusName()), put.rule(), targets);
        yield TargetsReply.ALL_DONE;
      }
      case RemoveTargets remove -> {
        buses.removeTargets(scope, bus(remove.eventBusName()), remove.rule(), remove.ids());
        yield TargetsReply.ALL_DONE;
      }
      case ListTargetsByRule list -> {
        List<RuleTarget> targets = buses.targets(scope, bus(list.eventBusName()), list.rule());
        Page<Target> page =
            page(targets, RuleTarget::id, list.nextToken(), list.limit())
                .map(EventBridgeApi::target);
        yield new ListTargetsByRuleReply(Optional.of(page.items()), page.nextToken());
      }
      case TagResource tag -> {
        buses.tag(scope, tag.resourceArn(), tags(tag.tags()));
        yield Empty.INSTANCE;
      }
      case UntagResource untag -> {
        buses.untag(scope, untag.resourceArn(), untag.tagKeys());
        yield Empty.INSTANCE;
      }
      case ListTagsForResource list ->
          new ListTagsForResourceReply(Optional.of(Tag.of(buses.tags(scope, list.resourceArn()))));
      case Unsupported unsupported ->
          throw EventBridgeModel.notImplemented(unsupported.operation());
    };
  }

  private PutEventsReply putEvents(Scope scope, List<PutEventsRequestEntry> entries) {
    List<BusEvents.Entry> accepted =
        entries.stream()
            .map(
                e ->
                    new BusEvents.Entry(
                        e.time(),
                        e.source(),
                        e.detailType(),
                        e.detail(),
                        e.resources(),
                        e.eventBusName()))
            .toList();
    List<BusEvents.Result> results = buses.putEvents(scope, accepted);
    int failed = (int) results.stream().filter(r -> r.errorCode().isPresent()).count();
    return new PutEventsReply(
        failed,
        results.stream()
            .map(r -> new PutEventsResultEntry(r.eventId(), r.errorCode(), r.errorMessage()))
            .toList());
  }

  // ---- wire values to domain values and back ------------------------------------------------

  /** The bus an {@code EventBusName} names, by name or ARN; the default bus when absent. */
  private static String bus(Optional<String> nameOrArn) {
    return BusEvents.busName(nameOrArn.orElse(BusStore.DEFAULT_BUS));
  }

  /** The tags of a request as a map; a key given twice keeps its last value. */
  private static Map<String, String> tags(List<Tag> tags) {
    return tags.stream()
        .collect(Collectors.toMap(Tag::key, Tag::value, (first, last) -> last, LinkedHashMap::new));
  }

  private static BusRule rule(PutRule put) {
    return new BusRule(
        bus(put.eventBusName()),
        put.name(),
        put.eventPattern(),
        put.scheduleExpression(),
        put.state().orElse(BusRule.State.ENABLED),
        put.description(),
        put.roleArn(),
        0);
  }

  private static Rule rule(Scope scope, BusRule rule, Optional<String> createdBy) {
    return new Rule(
        rule.name(),
        Buses.ruleArn(scope, rule.bus(), rule.name()),
        rule.eventPattern(),
        rule.scheduleExpression(),
        rule.state(),
        rule.description(),
        rule.roleArn(),
        rule.bus(),
        createdBy);
  }

  private static EventBus eventBus(Scope scope, BusStore.Bus bus) {
    Optional<Instant> created =
        bus.createdMillis() > 0
            ? Optional.of(Instant.ofEpochMilli(bus.createdMillis()))
            : Optional.empty();
    return new EventBus(
        bus.name(), Buses.busArn(scope, bus.name()), bus.description(), created, created);
  }

  private static RuleTarget target(Target target) {
    Optional<RetryPolicy> retry = target.retryPolicy();
    return new RuleTarget(
        target.id(),
        target.arn(),
        target.input(),
        target.inputPath(),
        target
            .inputTransformer()
            .map(t -> new RuleTarget.Transformer(t.inputPathsMap(), t.inputTemplate())),
        retry.flatMap(RetryPolicy::maximumRetryAttempts),
        retry.flatMap(RetryPolicy::maximumEventAgeInSeconds),
        target.deadLetterConfig().flatMap(DeadLetterConfig::arn),
        target.roleArn());
  }

  private static Target target(RuleTarget target) {
    Optional<RetryPolicy> retry =
        target.maxRetries().isPresent() || target.maxAgeSeconds().isPresent()
            ? Optional.of(new RetryPolicy(target.maxRetries(), target.maxAgeSeconds()))
            : Optional.empty();
    return new Target(
        target.id(),
        target.arn(),
        target.roleArn(),
        target.input(),
        target.inputPath(),
        target.transformer().map(t -> new InputTransformer(t.inputPathsMap(), t.inputTemplate())),
        retry,
        target.deadLetterArn().map(arn -> new DeadLetterConfig(Optional.of(arn))));
  }

  /**
   * The page of {@code items}, sorted by their unique {@code key}, after {@code token}: at most
   * {@code limit} long, 100 when the caller gives none.
   */
  private static <T> Page<T> page(
      List<T> items, Function<T, String> key, Optional<String> token, Optional<Integer> limit) {
    return Page.after(
        items,
        key,
        token,
        limit.orElse(DEFAULT_LIMIT),
        () -> VALIDATION.exception("The NextToken is not valid."));
  }
}
