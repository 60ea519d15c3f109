package dev.gust.eventbridge;

import static dev.gust.eventbridge.EventBridgeErrors.ALREADY_EXISTS;
import static dev.gust.eventbridge.EventBridgeErrors.INVALID_PATTERN;
import static dev.gust.eventbridge.EventBridgeErrors.LIMIT_EXCEEDED;
import static dev.gust.eventbridge.EventBridgeErrors.NOT_FOUND;
import static dev.gust.eventbridge.EventBridgeErrors.VALIDATION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.core.Arn;
import dev.gust.core.Ownership;
import dev.gust.core.Scheduler;
import dev.gust.core.Scope;
import dev.gust.delivery.Delivery;
import dev.gust.delivery.Outbox;
import dev.gust.delivery.Target;
import dev.gust.patterns.PatternMatcher;
import dev.gust.store.Database;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * EventBridge-compatible event buses of one node: the {@code default} bus and custom buses, their
 * rules (event patterns and schedules) and rule targets, durable in the node's store. Events reach
 * targets through {@link Delivery}, retried on failure and dead-lettered when retries run out;
 * {@link #open} registers the handler of bus targets there, so a message delivered to a bus ARN
 * becomes an event on that bus.
 */
final class Buses implements AutoCloseable {

  static final int MAX_TARGETS_PER_RULE = 5;

  /** The members every event given to TestEventPattern must have. */
  private static final List<String> TEST_EVENT_FIELDS =
      List.of("id", "account", "source", "time", "region", "detail-type");

  private final Database database;
  private final Scheduler scheduler;
  private final Outbox outbox;
  private final BusEvents events;
  private final RuleSchedules schedules;

  private Buses(
      Database database,
      Scheduler scheduler,
      Ownership ownership,
      Delivery delivery,
      Executor executor) {
    this.database = database;
    this.scheduler = scheduler;
    this.outbox =
        new Outbox(
            database,
            BusStore.OUTBOX,
            scheduler,
            ownership,
            executor,
            entry -> delivery.deliver(entry.target(), entry.message()),
            delivery,
            BusEvents::deadLetter);
    this.events = new BusEvents(database, outbox, new PatternMatcher(), scheduler.clock());
    this.schedules = new RuleSchedules(scheduler, ownership, events::fireSchedule);
  }

  /**
   * Migrates the store, arms the schedules of stored rules, resumes delivery of events accepted
   * before a restart and registers the handler of bus targets in {@code delivery}.
   *
   * @param ownership which rules' schedules and whether the outbox this node runs
   * @param executor runs deliveries in the background
   */
  static Buses open(
      Database database,
      Delivery delivery,
      Scheduler scheduler,
      Ownership ownership,
      Executor executor) {
    database.migrate("buses", BusStore.migrations(database.dialect()));
    Buses buses = new Buses(database, scheduler, ownership, delivery, executor);
    for (BusStore.Scheduled s : database.read(BusStore::scheduledRules)) {
      buses.schedules.update(s.scope(), s.rule());
    }
    delivery.register(Target.Bus.class, buses::deliver);
    buses.outbox.wake();
    return buses;
  }

  // ---- buses --------------------------------------------------------------------------------

  BusStore.Bus createBus(
      Scope scope, String name, Optional<String> description, Map<String, String> tags) {
    if (name.contains("/") && !name.startsWith("aws.partner/")) {
      throw VALIDATION.exception("Event bus name must not contain '/'.");
    }
    return database.transaction(
        c -> {
          BusStore store = new BusStore(c, scope);
          if (store.bus(name).isPresent()) {
            throw ALREADY_EXISTS.exception("Event bus %s already exists.", name);
          }
          BusStore.Bus bus = new BusStore.Bus(name, description, scheduler.clock().millis());
          store.insertBus(bus);
          store.setTags(busArn(scope, name), tags);
          return bus;
        });
  }

  void deleteBus(Scope scope, String nameOrArn) {
    String name = BusEvents.busName(nameOrArn);
    if (name.equals(BusStore.DEFAULT_BUS)) {
      throw VALIDATION.exception("Cannot delete event bus default.");
    }
    database.transaction(
        c -> {
          BusStore store = new BusStore(c, scope);
          if (store.bus(name).isPresent() && !store.rules(name).isEmpty()) {
            throw VALIDATION.exception(
                "Cannot delete event bus %s because it still has rules.", name);
          }
          store.deleteBus(name);
          store.setTags(busArn(scope, name), Map.of());
          return null;
        });
  }

  BusStore.Bus describeBus(Scope scope, String nameOrArn) {
    String name = BusEvents.busName(nameOrArn);
    return database
        .read(c -> new BusStore(c, scope).bus(name))
        .orElseThrow(() -> busNotFound(name));
  }

  /** The buses whose names start with {@code prefix}, by name, the default bus among them. */
  List<BusStore.Bus> listBuses(Scope scope, Optional<String> prefix) {
    return database.read(c -> new BusStore(c, scope).buses()).stream()
        .filter(b -> prefix.map(p -> b.name().startsWith(p)).orElse(true))
        .sorted(Comparator.comparing(BusStore.Bus::name))
        .toList();
  }

  // ---- rules --------------------------------------------------------------------------------

  /** Creates or replaces a rule; returns its ARN. */
  String putRule(Scope scope, BusRule requested, Map<String, String> tags) {
    if (requested.eventPattern().isEmpty() && requested.scheduleExpression().isEmpty()) {
      throw VALIDATION.exception(
          "Parameter(s) EventPattern or ScheduleExpression must be specified.");
    }
    requested.eventPattern().ifPresent(Buses::checkPattern);
    if (requested.scheduleExpression().isPresent()) {
      try {
        ScheduleExpression.parse(requested.scheduleExpression().get());
      } catch (IllegalArgumentException e) {
        throw VALIDATION.exception(e.getMessage());
      }
      if (!requested.bus().equals(BusStore.DEFAULT_BUS)) {
        throw VALIDATION.exception(
            "ScheduleExpression is supported only on the default event bus.");
      }
    }
    BusRule stored =
        database.transaction(
            c -> {
              BusStore store = new BusStore(c, scope);
              if (store.bus(requested.bus()).isEmpty()) {
                throw busNotFound(requested.bus());
              }
              long created =
                  store
                      .rule(requested.bus(), requested.name())
                      .map(BusRule::createdMillis)
                      .orElse(scheduler.clock().millis());
              BusRule rule =
                  new BusRule(
                      requested.bus(),
                      requested.name(),
                      requested.eventPattern(),
                      requested.scheduleExpression(),
                      requested.state(),
                      requested.description(),
                      requested.roleArn(),
                      created);
              store.putRule(rule);
              if (!tags.isEmpty()) {
                String arn = ruleArn(scope, rule.bus(), rule.name());
                Map<String, String> merged = new TreeMap<>(store.tags(arn));
                merged.putAll(tags);
                store.setTags(arn, merged);
              }
              return rule;
            });
    schedules.update(scope, stored);
    return ruleArn(scope, stored.bus(), stored.name());
  }

  void deleteRule(Scope scope, String bus, String name, boolean force) {
    database.transaction(
        c -> {
          BusStore store = new BusStore(c, scope);
          if (store.rule(bus, name).isEmpty()) {
            return null;
          }
          if (!store.targets(bus, name).isEmpty()) {
            if (!force) {
              throw VALIDATION.exception("Rule can't be deleted since it has targets.");
            }
            for (RuleTarget target : store.targets(bus, name)) {
              store.deleteTarget(bus, name, target.id());
            }
          }
          store.deleteRule(bus, name);
          store.setTags(ruleArn(scope, bus, name), Map.of());
          return null;
        });
    schedules.remove(scope, bus, name);
  }

  BusRule describeRule(Scope scope, String bus, String name) {
    return database.read(c -> rule(new BusStore(c, scope), bus, name));
  }

  List<BusRule> listRules(Scope scope, String bus, Optional<String> prefix) {
    return database.read(
        c -> {
          BusStore store = new BusStore(c, scope);
          if (store.bus(bus).isEmpty()) {
            throw busNotFound(bus);
          }
          return store.rules(bus).stream()
              .filter(r -> prefix.map(p -> r.name().startsWith(p)).orElse(true))
              .toList();
        });
  }

  void setState(Scope scope, String bus, String name, BusRule.State state) {
    BusRule updated =
        database.transaction(
            c -> {
              BusStore store = new BusStore(c, scope);
              BusRule next = rule(store, bus, name).withState(state);
              store.putRule(next);
              return next;
            });
    schedules.update(scope, updated);
  }

  // ---- targets ------------------------------------------------------------------------------

  void putTargets(Scope scope, String bus, String rule, List<RuleTarget> targets) {
    targets.forEach(Buses::checkTarget);
    database.transaction(
        c -> {
          BusStore store = new BusStore(c, scope);
          rule(store, bus, rule);
          List<String> ids =
              new ArrayList<>(store.targets(bus, rule).stream().map(RuleTarget::id).toList());
          for (RuleTarget target : targets) {
            if (!ids.contains(target.id())) {
              ids.add(target.id());
            }
          }
          if (ids.size() > MAX_TARGETS_PER_RULE) {
            throw LIMIT_EXCEEDED.exception(
                "The requested resource exceeds the maximum number allowed.");
          }
          for (RuleTarget target : targets) {
            store.putTarget(bus, rule, target);
          }
          return null;
        });
  }

  void removeTargets(Scope scope, String bus, String rule, List<String> ids) {
    database.transaction(
        c -> {
          BusStore store = new BusStore(c, scope);
          rule(store, bus, rule);
          for (String id : ids) {
            store.deleteTarget(bus, rule, id);
          }
          return null;
        });
  }

  List<RuleTarget> targets(Scope scope, String bus, String rule) {
    return database.read(
        c -> {
          BusStore store = new BusStore(c, scope);
          rule(store, bus, rule);
          return store.targets(bus, rule);
        });
  }

  /** The names of the rules on {@code bus} with a target of ARN {@code targetArn}. */
  List<String> ruleNamesByTarget(Scope scope, String bus, String targetArn) {
    return listRules(scope, bus, Optional.empty()).stream()
        .filter(
            r -> targets(scope, bus, r.name()).stream().anyMatch(t -> t.arn().equals(targetArn)))
        .map(BusRule::name)
        .toList();
  }

  // ---- events and tags ----------------------------------------------------------------------

  /**
   * Accepts the valid entries of one PutEvents request; returns one result per entry, in order. The
   * entries together must fit in the limit of one entry.
   */
  List<BusEvents.Result> putEvents(Scope scope, List<BusEvents.Entry> entries) {
    int total = entries.stream().mapToInt(BusEvents::size).sum();
    if (total > BusEvents.MAX_ENTRY_BYTES) {
      throw VALIDATION.exception("Total size of the entries in the request is over the limit.");
    }
    return events.put(scope, entries);
  }

  /**
   * Whether {@code event} matches {@code pattern}, as TestEventPattern answers: the event must be a
   * JSON object with the members of EventBridge's envelope, and the pattern must be valid.
   */
  static boolean testEventPattern(String pattern, String event) {
    JsonNode node;
    try {
      node = BusEvents.JSON.readTree(event);
    } catch (JsonProcessingException e) {
      throw VALIDATION.exception("Parameter Event is not valid.");
    }
    for (String field : TEST_EVENT_FIELDS) {
      if (node == null || !node.isObject() || !node.has(field)) {
        throw VALIDATION.exception(
            "Parameter Event is not valid. Reason: Provided Event must have a field '%s'.", field);
      }
    }
    checkPattern(pattern);
    return new PatternMatcher().matches(pattern, node);
  }

  Map<String, String> tags(Scope scope, String arn) {
    return database.read(
        c -> new BusStore(c, scope).tags(checkTaggable(new BusStore(c, scope), arn)));
  }

  void tag(Scope scope, String arn, Map<String, String> tags) {
    database.transaction(
        c -> {
          BusStore store = new BusStore(c, scope);
          Map<String, String> merged = new TreeMap<>(store.tags(checkTaggable(store, arn)));
          merged.putAll(tags);
          store.setTags(arn, merged);
          return null;
        });
  }

  void untag(Scope scope, String arn, List<String> keys) {
    database.transaction(
        c -> {
          BusStore store = new BusStore(c, scope);
          Map<String, String> remaining = new TreeMap<>(store.tags(checkTaggable(store, arn)));
          keys.forEach(remaining::remove);
          store.setTags(arn, remaining);
          return null;
        });
  }

  /** Delivers a message sent to a bus ARN as an event on that bus. */
  private void deliver(Target.Bus bus, Delivery.Message message) {
    Arn target = bus.arn();
    if (!target.resource().startsWith("event-bus/")) {
      throw Delivery.UNDELIVERABLE.exception("Not an event bus: " + target);
    }
    String detail = message.body();
    try {
      JsonNode node = BusEvents.JSON.readTree(detail);
      if (node == null || !node.isObject()) {
        detail = BusEvents.JSON.createObjectNode().put("message", message.body()).toString();
      }
    } catch (JsonProcessingException e) {
      detail = BusEvents.JSON.createObjectNode().put("message", message.body()).toString();
    }
    BusEvents.Entry entry =
        new BusEvents.Entry(
            Optional.empty(),
            Optional.of(message.source().orElse("gust")),
            Optional.of(message.detailType().orElse("Message")),
            Optional.of(detail),
            List.of(),
            Optional.of(target.resource().substring("event-bus/".length())));
    BusEvents.Result result =
        events.put(new Scope(target.account(), target.region()), List.of(entry)).getFirst();
    if (result.errorCode().isPresent()) {
      throw Delivery.UNDELIVERABLE.exception(result.errorMessage().orElse("refused"));
    }
  }

  /** Events accepted and not yet delivered to every target. */
  int pendingDeliveries() {
    return outbox.pending();
  }

  @Override
  public void close() {
    schedules.close();
    outbox.close();
  }

  // ---- helpers ------------------------------------------------------------------------------

  static String busArn(Scope scope, String name) {
    return scope.arn("events", "event-bus/" + name).toString();
  }

  static String ruleArn(Scope scope, String bus, String name) {
    return scope
        .arn(
            "events",
            bus.equals(BusStore.DEFAULT_BUS) ? "rule/" + name : "rule/" + bus + "/" + name)
        .toString();
  }

  private static BusRule rule(BusStore store, String bus, String name) throws SQLException {
    return store
        .rule(bus, name)
        .orElseThrow(
            () -> NOT_FOUND.exception("Rule %s does not exist on EventBus %s.", name, bus));
  }

  private static String checkTaggable(BusStore store, String arn) throws SQLException {
    Optional<Arn> parsed = Arn.parse(arn).filter(a -> a.service().equals("events"));
    String resource = parsed.map(Arn::resource).orElse("");
    boolean exists = false;
    if (resource.startsWith("event-bus/")) {
      exists = store.bus(resource.substring("event-bus/".length())).isPresent();
    } else if (resource.startsWith("rule/")) {
      String[] parts = resource.substring("rule/".length()).split("/", 2);
      exists =
          parts.length == 1
              ? store.rule(BusStore.DEFAULT_BUS, parts[0]).isPresent()
              : store.rule(parts[0], parts[1]).isPresent();
    }
    if (!exists) {
      throw NOT_FOUND.exception("Resource %s does not exist.", arn);
    }
    return arn;
  }

  private static dev.gust.core.AwsException busNotFound(String name) {
    return NOT_FOUND.exception("Event bus %s does not exist.", name);
  }

  static void checkPattern(String pattern) {
    Optional<String> problem = PatternMatcher.problem(pattern);
    if (problem.isPresent()) {
      throw INVALID_PATTERN.exception("Event pattern is not valid. Reason: " + problem.get());
    }
  }

  /**
   * Checks what the API's model cannot: a target's ARN, its one way of shaping input, and that
   * input's syntax.
   */
  static void checkTarget(RuleTarget target) {
    if (Arn.parse(target.arn()).isEmpty()) {
      throw VALIDATION.exception("Parameter %s is not valid.", target.arn());
    }
    int shapes =
        (target.input().isPresent() ? 1 : 0)
            + (target.inputPath().isPresent() ? 1 : 0)
            + (target.transformer().isPresent() ? 1 : 0);
    if (shapes > 1) {
      throw VALIDATION.exception(
          "Target %s: only one of Input, InputPath or InputTransformer may be given.", target.id());
    }
    if (target.input().isPresent()) {
      try {
        BusEvents.JSON.readTree(target.input().get());
      } catch (JsonProcessingException e) {
        throw VALIDATION.exception("Target %s: Input is not valid JSON.", target.id());
      }
    }
    if (target.inputPath().isPresent() && !RuleInput.isPath(target.inputPath().get())) {
      throw VALIDATION.exception("Target %s: InputPath is not a valid JSON path.", target.id());
    }
    if (target.transformer().isPresent()) {
      target
          .transformer()
          .get()
          .inputPathsMap()
          .forEach(
              (name, path) -> {
                if (name.startsWith("aws.events.") || !RuleInput.isPath(path)) {
                  throw VALIDATION.exception(
                      "Target %s: InputPathsMap has an invalid entry %s.", target.id(), name);
                }
              });
    }
  }
}
