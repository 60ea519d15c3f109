package dev.gust.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.Arn;
import dev.gust.core.Scope;
import dev.gust.delivery.Delivery;
import dev.gust.delivery.Outbox;
import dev.gust.patterns.PatternMatcher;
import dev.gust.store.Database;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The way of an event through a bus: PutEvents entries are checked one by one, wrapped in AWS's
 * envelope ({@code version}, {@code id}, {@code detail-type}, {@code source}, {@code account},
 * {@code time}, {@code region}, {@code resources}, {@code detail}), matched against the enabled
 * rules of their bus, and each matching rule's targets get the event, or their input made from it,
 * in the outbox, all in one transaction. Scheduled rules emit AWS's "Scheduled Event" the same way.
 */
final class BusEvents {

  /** An entry's limit: 256 KB counted as AWS counts it. */
  static final int MAX_ENTRY_BYTES = 256 * 1024;

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** Reads and builds the JSON documents of events: details, envelopes, target inputs. */
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  /** One PutEvents entry as the client sent it. */
  record Entry(
      Optional<Instant> time,
      Optional<String> source,
      Optional<String> detailType,
      Optional<String> detail,
      List<String> resources,
      Optional<String> eventBusName) {}

  /** The outcome of one entry: its event id, or an error code and message. */
  record Result(
      Optional<String> eventId, Optional<String> errorCode, Optional<String> errorMessage) {

    static Result ok(String id) {
      return new Result(Optional.of(id), Optional.empty(), Optional.empty());
    }

    static Result failed(String code, String message) {
      return new Result(Optional.empty(), Optional.of(code), Optional.of(message));
    }
  }

  private record Accepted(int index, String bus, ObjectNode event) {}

  private final Database database;
  private final Outbox outbox;
  private final PatternMatcher matcher;
  private final InstantSource clock;

  BusEvents(Database database, Outbox outbox, PatternMatcher matcher, InstantSource clock) {
    this.database = database;
    this.outbox = outbox;
    this.matcher = matcher;
    this.clock = clock;
  }

  /** Accepts the entries that are valid; returns one result per entry, in order. */
  List<Result> put(Scope scope, List<Entry> entries) {
    Instant now = clock.instant();
    Result[] results = new Result[entries.size()];
    List<Accepted> accepted = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      Optional<Result> problem = problem(entry);
      if (problem.isPresent()) {
        results[i] = problem.get();
        continue;
      }
      String bus = busName(entry.eventBusName().orElse(BusStore.DEFAULT_BUS));
      accepted.add(new Accepted(i, bus, envelope(scope, entry, now)));
    }
    int queued =
        database.transaction(
            c -> {
              BusStore store = new BusStore(c, scope);
              Map<String, List<BusRule>> rules = new HashMap<>();
              List<Outbox.Pending> pending = new ArrayList<>();
              for (Accepted a : accepted) {
                if (store.bus(a.bus()).isEmpty()) {
                  results[a.index()] =
                      Result.failed("InvalidArgument", "Event bus " + a.bus() + " does not exist.");
                  continue;
                }
                List<BusRule> busRules = rules.computeIfAbsent(a.bus(), b -> rulesOf(store, b));
                for (BusRule rule : busRules) {
                  if (rule.enabled()
                      && rule.eventPattern().isPresent()
                      && matcher.matches(rule.eventPattern().get(), a.event())) {
                    pending.addAll(toTargets(store, scope, rule, a.event(), now));
                  }
                }
                results[a.index()] = Result.ok(a.event().get("id").asText());
              }
              outbox.add(c, pending);
              return pending.size();
            });
    if (queued > 0) {
      outbox.wake();
    }
    return List.of(results);
  }

  /** Emits the Scheduled Event of a rule for its firing at {@code time}. */
  void fireSchedule(RuleSchedules.Key key, Instant time) {
    int queued =
        database.transaction(
            c -> {
              BusStore store = new BusStore(c, key.scope());
              Optional<BusRule> rule = store.rule(key.bus(), key.rule());
              if (rule.isEmpty() || !rule.get().enabled()) {
                return 0;
              }
              ObjectNode event = JSON.createObjectNode();
              event.put("version", "0");
              event.put("id", UUID.randomUUID().toString());
              event.put("detail-type", "Scheduled Event");
              event.put("source", "aws.events");
              event.put("account", key.scope().account());
              event.put("time", TIME.format(time));
              event.put("region", key.scope().region());
              event.putArray("resources").add(Buses.ruleArn(key.scope(), key.bus(), key.rule()));
              event.putObject("detail");
              List<Outbox.Pending> pending = toTargets(store, key.scope(), rule.get(), event, time);
              outbox.add(c, pending);
              return pending.size();
            });
    if (queued > 0) {
      outbox.wake();
    }
  }

  private List<Outbox.Pending> toTargets(
      BusStore store, Scope scope, BusRule rule, ObjectNode event, Instant now)
      throws SQLException {
    String ruleArn = Buses.ruleArn(scope, rule.bus(), rule.name());
    RuleInput.Context context = new RuleInput.Context(ruleArn, rule.name(), TIME.format(now));
    List<Outbox.Pending> pending = new ArrayList<>();
    for (RuleTarget target : store.targets(rule.bus(), rule.name())) {
      String input = RuleInput.render(target, event, context);
      Delivery.Message message;
      if (Arn.parse(target.arn()).map(a -> a.service().equals("events")).orElse(false)) {
        boolean shaped =
            target.input().isPresent()
                || target.inputPath().isPresent()
                || target.transformer().isPresent();
        message =
            new Delivery.Message(
                shaped ? input : event.get("detail").toString(),
                Map.of(),
                Optional.of(event.get("source").asText()),
                Optional.of(event.get("detail-type").asText()));
      } else {
        message = Delivery.Message.of(input);
      }
      Outbox.Retry retry =
          new Outbox.Retry(
              target.maxRetries().orElse(RuleTarget.DEFAULT_MAX_RETRIES),
              Duration.ofSeconds(target.maxAgeSeconds().orElse(RuleTarget.DEFAULT_MAX_AGE_SECONDS)),
              MIN_BACKOFF,
              MAX_BACKOFF);
      pending.add(
          new Outbox.Pending(
              "deliver", target.arn(), ruleArn, message, retry, target.deadLetterArn()));
    }
    return pending;
  }

  /**
   * What EventBridge tells a dead-letter queue about an event it gave up on: the event as it was,
   * with the error, the exhausted condition, the attempts and the rule and target as attributes.
   */
  static Delivery.Message deadLetter(Outbox.Entry entry, Outbox.Exhausted exhausted) {
    Map<String, String> attributes = new LinkedHashMap<>(entry.message().attributes());
    attributes.put("ERROR_CODE", exhausted.errorCode());
    attributes.put("ERROR_MESSAGE", String.valueOf(exhausted.error().getMessage()));
    attributes.put("EXHAUSTED_RETRY_CONDITION", exhausted.condition());
    attributes.put("RETRY_ATTEMPTS", Integer.toString(entry.failures()));
    attributes.put("RULE_ARN", entry.origin());
    attributes.put("TARGET_ARN", entry.target());
    return new Delivery.Message(
        entry.message().body(), attributes, entry.message().source(), entry.message().detailType());
  }

  private static List<BusRule> rulesOf(BusStore store, String bus) {
    try {
      return store.rules(bus);
    } catch (SQLException e) {
      throw new dev.gust.store.StoreException("cannot read rules of " + bus, e);
    }
  }

  /** The name in an {@code EventBusName}, which may be the bus's ARN. */
  static String busName(String nameOrArn) {
    return Arn.parse(nameOrArn)
        .filter(a -> a.resource().startsWith("event-bus/"))
        .map(a -> a.resource().substring("event-bus/".length()))
        .orElse(nameOrArn);
  }

  private static Optional<Result> problem(Entry entry) {
    if (entry.source().filter(s -> !s.isBlank()).isEmpty()) {
      return Optional.of(
          Result.failed(
              "InvalidArgument",
              "Parameter Source is not valid. Reason: Source is a required argument."));
    }
    if (entry.detailType().filter(s -> !s.isBlank()).isEmpty()) {
      return Optional.of(
          Result.failed(
              "InvalidArgument",
              "Parameter DetailType is not valid. Reason: DetailType is a required argument."));
    }
    if (entry.detail().isEmpty()) {
      return Optional.of(
          Result.failed(
              "InvalidArgument",
              "Parameter Detail is not valid. Reason: Detail is a required argument."));
    }
    try {
      JsonNode detail = JSON.readTree(entry.detail().get());
      if (detail == null || !detail.isObject()) {
        return Optional.of(Result.failed("MalformedDetail", "Detail is malformed."));
      }
    } catch (JsonProcessingException e) {
      return Optional.of(Result.failed("MalformedDetail", "Detail is malformed."));
    }
    if (size(entry) > MAX_ENTRY_BYTES) {
      return Optional.of(
          Result.failed(
              "InvalidArgument", "Total size of the entries in the request is over the limit."));
    }
    return Optional.empty();
  }

  /** An entry's size as AWS counts it: 14 bytes for a time, then the UTF-8 of each text. */
  static int size(Entry entry) {
    int size = entry.time().isPresent() ? 14 : 0;
    size += utf8(entry.source().orElse("")) + utf8(entry.detailType().orElse(""));
    size += utf8(entry.detail().orElse(""));
    for (String resource : entry.resources()) {
      size += utf8(resource);
    }
    return size;
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static ObjectNode envelope(Scope scope, Entry entry, Instant now) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", entry.detailType().orElseThrow());
    event.put("source", entry.source().orElseThrow());
    event.put("account", scope.account());
    event.put("time", TIME.format(entry.time().orElse(now).truncatedTo(ChronoUnit.SECONDS)));
    event.put("region", scope.region());
    ArrayNode resources = event.putArray("resources");
    entry.resources().forEach(resources::add);
    try {
      event.set("detail", JSON.readTree(entry.detail().orElseThrow()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("detail was checked", e);
    }
    return event;
  }
}
