package dev.gust.eventbridge;

import static dev.gust.eventbridge.EventBridgeErrors.SERIALIZATION;
import static dev.gust.eventbridge.EventBridgeErrors.VALIDATION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.Scope;
import dev.gust.wire.CommonErrors;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.Json;
import dev.gust.wire.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EventBridge API on JSON 1.1 ({@code X-Amz-Target: AWSEvents.*}): each operation reads its
 * members from the JSON body, runs against {@link Buses} and answers in the shape of AWS's model.
 */
public final class EventBridgeApi {

  static final int MAX_ENTRIES = 10;
  private static final ObjectMapper MAPPER = Json.pascalCase().mapper();
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final Buses buses;

  public EventBridgeApi(Buses buses) {
    this.buses = buses;
  }

  public List<Route> routes() {
    return List.of(
        new Route.Target(
            "EventBridge",
            "AWSEvents",
            dev.gust.wire.Router.DEFAULT_MAX_BODY,
            (operation, call) -> handle(operation, body(call), call.context().scope())));
  }

  HttpResponse handle(String operation, JsonNode in, Scope scope) {
    Object out =
        switch (operation) {
          case "CreateEventBus" ->
              Map.of(
                  "EventBusArn",
                  Buses.busArn(
                      scope,
                      buses
                          .createBus(scope, required(in, "Name"), text(in, "Description"), tags(in))
                          .name()));
          case "DeleteEventBus" -> {
            buses.deleteBus(scope, required(in, "Name"));
            yield Map.of();
          }
          case "DescribeEventBus" ->
              bus(scope, buses.describeBus(scope, text(in, "Name").orElse(BusStore.DEFAULT_BUS)));
          case "ListEventBuses" ->
              page(
                  in,
                  "EventBuses",
                  buses.listBuses(scope, text(in, "NamePrefix")).stream()
                      .map(b -> bus(scope, b))
                      .toList());
          case "PutEvents" -> putEvents(in, scope);
          case "PutRule" -> Map.of("RuleArn", buses.putRule(scope, rule(in), tags(in)));
          case "DeleteRule" -> {
            buses.deleteRule(scope, busOf(in), required(in, "Name"), bool(in, "Force"));
            yield Map.of();
          }
          case "DescribeRule" ->
              rule(scope, buses.describeRule(scope, busOf(in), required(in, "Name")));
          case "ListRules" ->
              page(
                  in,
                  "Rules",
                  buses.listRules(scope, busOf(in), text(in, "NamePrefix")).stream()
                      .map(r -> rule(scope, r))
                      .toList());
          case "EnableRule", "DisableRule" -> {
            buses.setState(
                scope,
                busOf(in),
                required(in, "Name"),
                operation.equals("EnableRule") ? BusRule.ENABLED : BusRule.DISABLED);
            yield Map.of();
          }
          case "PutTargets" -> {
            List<RuleTarget> targets = new ArrayList<>();
            for (JsonNode t : array(in, "Targets", true)) {
              targets.add(EventBridgeTargets.read(t));
            }
            buses.putTargets(scope, busOf(in), required(in, "Rule"), targets);
            yield Map.of("FailedEntryCount", 0, "FailedEntries", List.of());
          }
          case "RemoveTargets" -> {
            List<String> ids = new ArrayList<>();
            array(in, "Ids", true).forEach(id -> ids.add(id.asText()));
            buses.removeTargets(scope, busOf(in), required(in, "Rule"), ids);
            yield Map.of("FailedEntryCount", 0, "FailedEntries", List.of());
          }
          case "ListTargetsByRule" ->
              page(
                  in,
                  "Targets",
                  buses.targets(scope, busOf(in), required(in, "Rule")).stream()
                      .map(EventBridgeTargets::write)
                      .toList());
          case "ListRuleNamesByTarget" -> {
            String targetArn = required(in, "TargetArn");
            String bus = busOf(in);
            List<String> names =
                buses.listRules(scope, bus, Optional.empty()).stream()
                    .filter(
                        r ->
                            buses.targets(scope, bus, r.name()).stream()
                                .anyMatch(t -> t.arn().equals(targetArn)))
                    .map(BusRule::name)
                    .toList();
            yield page(in, "RuleNames", names);
          }
          case "TestEventPattern" -> {
            String event = required(in, "Event");
            checkTestEvent(event);
            yield Map.of("Result", Buses.testEventPattern(required(in, "EventPattern"), event));
          }
          case "TagResource" -> {
            buses.tag(scope, required(in, "ResourceARN"), tags(in));
            yield Map.of();
          }
          case "UntagResource" -> {
            List<String> keys = new ArrayList<>();
            array(in, "TagKeys", true).forEach(k -> keys.add(k.asText()));
            buses.untag(scope, required(in, "ResourceARN"), keys);
            yield Map.of();
          }
          case "ListTagsForResource" -> {
            List<Map<String, String>> tags = new ArrayList<>();
            buses
                .tags(scope, required(in, "ResourceARN"))
                .forEach((k, v) -> tags.add(Map.of("Key", k, "Value", v)));
            yield Map.of("Tags", tags);
          }
          default ->
              throw CommonErrors.UNKNOWN_OPERATION.exception(
                  "Gust does not implement AWSEvents.%s", operation);
        };
    return HttpResponse.of(200, CONTENT_TYPE, Json.pascalCase().write(out));
  }

  private Map<String, Object> putEvents(JsonNode in, Scope scope) {
    List<JsonNode> entries = array(in, "Entries", true);
    if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
      throw VALIDATION.exception(
          "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member"
              + " must have length less than or equal to 10 and greater than or equal to 1");
    }
    List<BusEvents.Entry> parsed = new ArrayList<>();
    int total = 0;
    for (JsonNode e : entries) {
      List<String> resources = new ArrayList<>();
      array(e, "Resources", false).forEach(r -> resources.add(r.asText()));
      BusEvents.Entry entry =
          new BusEvents.Entry(
              time(e, "Time"),
              text(e, "Source"),
              text(e, "DetailType"),
              text(e, "Detail"),
              resources,
              text(e, "EventBusName"));
      total += BusEvents.size(entry);
      parsed.add(entry);
    }
    if (total > BusEvents.MAX_ENTRY_BYTES) {
      throw VALIDATION.exception("Total size of the entries in the request is over the limit.");
    }
    List<BusEvents.Result> results = buses.putEvents(scope, parsed);
    List<Map<String, String>> out = new ArrayList<>();
    int failed = 0;
    for (BusEvents.Result r : results) {
      Map<String, String> item = new LinkedHashMap<>();
      r.eventId().ifPresent(id -> item.put("EventId", id));
      r.errorCode().ifPresent(code -> item.put("ErrorCode", code));
      r.errorMessage().ifPresent(message -> item.put("ErrorMessage", message));
      failed += r.errorCode().isPresent() ? 1 : 0;
      out.add(item);
    }
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("FailedEntryCount", failed);
    reply.put("Entries", out);
    return reply;
  }

  private static void checkTestEvent(String event) {
    JsonNode node;
    try {
      node = MAPPER.readTree(event);
    } catch (JsonProcessingException e) {
      throw VALIDATION.exception("Parameter Event is not valid.");
    }
    for (String field : List.of("id", "account", "source", "time", "region", "detail-type")) {
      if (node == null || !node.isObject() || !node.has(field)) {
        throw VALIDATION.exception(
            "Parameter Event is not valid. Reason: Provided Event must have a field '%s'.", field);
      }
    }
  }

  private static BusRule rule(JsonNode in) {
    return new BusRule(
        busOf(in),
        required(in, "Name"),
        text(in, "EventPattern"),
        text(in, "ScheduleExpression"),
        text(in, "State").orElse(BusRule.ENABLED),
        text(in, "Description"),
        text(in, "RoleArn"),
        0);
  }

  private static Map<String, Object> rule(Scope scope, BusRule r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Name", r.name());
    out.put("Arn", Buses.ruleArn(scope, r.bus(), r.name()));
    r.eventPattern().ifPresent(p -> out.put("EventPattern", p));
    r.scheduleExpression().ifPresent(s -> out.put("ScheduleExpression", s));
    out.put("State", r.state());
    r.description().ifPresent(d -> out.put("Description", d));
    r.roleArn().ifPresent(a -> out.put("RoleArn", a));
    out.put("EventBusName", r.bus());
    out.put("CreatedBy", scope.account());
    return out;
  }

  private static Map<String, Object> bus(Scope scope, BusStore.Bus b) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Name", b.name());
    out.put("Arn", Buses.busArn(scope, b.name()));
    b.description().ifPresent(d -> out.put("Description", d));
    if (b.createdMillis() > 0) {
      out.put("CreationTime", b.createdMillis() / 1000.0);
      out.put("LastModifiedTime", b.createdMillis() / 1000.0);
    }
    return out;
  }

  /** A page of {@code items} after {@code NextToken}, at most {@code Limit} long. */
  private static Map<String, Object> page(JsonNode in, String member, List<?> items) {
    int start = 0;
    Optional<String> token = text(in, "NextToken");
    if (token.isPresent()) {
      try {
        start = Integer.parseInt(token.get());
      } catch (NumberFormatException e) {
        throw VALIDATION.exception("The NextToken is not valid.");
      }
    }
    int limit = in.has("Limit") ? in.get("Limit").asInt(100) : 100;
    if (limit < 1 || limit > 100) {
      throw VALIDATION.exception("Limit must be between 1 and 100.");
    }
    start = Math.max(0, Math.min(start, items.size()));
    int end = Math.min(items.size(), start + limit);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(member, items.subList(start, end));
    if (end < items.size()) {
      out.put("NextToken", Integer.toString(end));
    }
    return out;
  }

  // ---- reading members ----------------------------------------------------------------------

  private static JsonNode body(Route.Call call) {
    byte[] body = call.request().body();
    try {
      JsonNode node =
          MAPPER.readTree(
              body.length == 0 ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : body);
      if (node == null || !node.isObject()) {
        throw SERIALIZATION.exception("The request body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw SERIALIZATION.exception(
          "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String busOf(JsonNode in) {
    return BusEvents.busName(text(in, "EventBusName").orElse(BusStore.DEFAULT_BUS));
  }

  static Optional<String> text(JsonNode in, String member) {
    JsonNode node = in.get(member);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw SERIALIZATION.exception("%s must be a string.", member);
    }
    return Optional.of(node.asText());
  }

  static String required(JsonNode in, String member) {
    return text(in, member)
        .orElseThrow(
            () ->
                VALIDATION.exception(
                    "1 validation error detected: Value null at '%s' failed to satisfy"
                        + " constraint: Member must not be null",
                    Character.toLowerCase(member.charAt(0)) + member.substring(1)));
  }

  static Optional<Integer> integer(JsonNode in, String member) {
    JsonNode node = in.get(member);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isIntegralNumber()) {
      throw SERIALIZATION.exception("%s must be a number.", member);
    }
    return Optional.of(node.asInt());
  }

  private static boolean bool(JsonNode in, String member) {
    JsonNode node = in.get(member);
    return node != null && node.asBoolean(false);
  }

  private static Optional<Instant> time(JsonNode in, String member) {
    JsonNode node = in.get(member);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isNumber()) {
      throw SERIALIZATION.exception("%s must be a timestamp.", member);
    }
    return Optional.of(Instant.ofEpochMilli((long) (node.asDouble() * 1000)));
  }

  static List<JsonNode> array(JsonNode in, String member, boolean required) {
    JsonNode node = in.get(member);
    if (node == null || node.isNull()) {
      if (required) {
        required(in, member);
      }
      return List.of();
    }
    if (!node.isArray()) {
      throw SERIALIZATION.exception("%s must be a list.", member);
    }
    List<JsonNode> out = new ArrayList<>();
    node.forEach(out::add);
    return out;
  }

  private static Map<String, String> tags(JsonNode in) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode tag : array(in, "Tags", false)) {
      tags.put(required(tag, "Key"), required(tag, "Value"));
    }
    return tags;
  }
}
