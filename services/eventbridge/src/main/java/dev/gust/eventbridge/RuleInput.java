package dev.gust.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rule target receives for an event: its constant {@code Input}, the part of the event its
 * {@code InputPath} selects, its {@code InputTransformer}'s template filled in, or else the whole
 * event.
 *
 * <p>In a template, a {@code <variable>} inside a JSON string is replaced by the value's text,
 * escaped for the string; outside a string, in a template that is a JSON object or array, by the
 * value as JSON; in any other template, by the value's text. A path that selects nothing gives an
 * empty text or {@code null}. The predefined {@code <aws.events.rule-arn>}, {@code
 * <aws.events.rule-name>}, {@code <aws.events.event.ingestion-time>}, {@code <aws.events.event>}
 * (the event without {@code detail}) and {@code <aws.events.event.json>} (the whole event) need no
 * path; the last two are inserted as JSON, unescaped, as AWS documents.
 */
final class RuleInput {

  private static final Pattern PATH =
      Pattern.compile("\\$((\\.[A-Za-z0-9_\\-/]+)(\\[\\d+\\])*|\\[\\d+\\])*");
  private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z0-9_\\-/]+)|\\[(\\d+)\\]");
  private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");

  /** The context of one delivery: the rule that matched and when the event arrived. */
  record Context(String ruleArn, String ruleName, String ingestionTime) {}

  private RuleInput() {}

  static boolean isPath(String path) {
    return PATH.matcher(path).matches();
  }

  /** The target's input for {@code event}. */
  static String render(RuleTarget target, JsonNode event, Context context) {
    if (target.input().isPresent()) {
      return target.input().get();
    }
    if (target.inputPath().isPresent()) {
      return select(event, target.inputPath().get()).map(JsonNode::toString).orElse("null");
    }
    if (target.transformer().isPresent()) {
      return transform(target.transformer().get(), event, context);
    }
    return event.toString();
  }

  /** The node a path such as {@code $.detail.items[0]} selects, if any. */
  static Optional<JsonNode> select(JsonNode root, String path) {
    JsonNode node = root;
    Matcher segment = SEGMENT.matcher(path.substring(1));
    while (segment.find()) {
      node =
          segment.group(1) != null
              ? node.get(segment.group(1))
              : node.get(Integer.parseInt(segment.group(2)));
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.of(node);
  }

  static String transform(RuleTarget.Transformer transformer, JsonNode event, Context context) {
    Map<String, Optional<JsonNode>> values = new HashMap<>();
    transformer.inputPathsMap().forEach((name, path) -> values.put(name, select(event, path)));
    String template = transformer.inputTemplate();
    boolean jsonTemplate = template.strip().startsWith("{") || template.strip().startsWith("[");
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    for (int i = 0; i < template.length(); i++) {
      char ch = template.charAt(i);
      if (ch == '<') {
        Matcher placeholder = PLACEHOLDER.matcher(template).region(i, template.length());
        if (placeholder.lookingAt()) {
          Optional<String> replacement =
              replacement(placeholder.group(1), values, event, context, inString, jsonTemplate);
          if (replacement.isPresent()) {
            out.append(replacement.get());
            i = placeholder.end() - 1;
            continue;
          }
        }
      }
      if (ch == '"' && !escaped(template, i)) {
        inString = !inString;
      }
      out.append(ch);
    }
    return out.toString();
  }

  private static Optional<String> replacement(
      String name,
      Map<String, Optional<JsonNode>> values,
      JsonNode event,
      Context context,
      boolean inString,
      boolean jsonTemplate) {
    switch (name) {
      case "aws.events.event.json" -> {
        return Optional.of(event.toString());
      }
      case "aws.events.event" -> {
        ObjectNode copy = event.deepCopy();
        copy.remove("detail");
        return Optional.of(copy.toString());
      }
      default -> {}
    }
    Optional<JsonNode> value =
        switch (name) {
          case "aws.events.rule-arn" -> Optional.of(text(context.ruleArn()));
          case "aws.events.rule-name" -> Optional.of(text(context.ruleName()));
          case "aws.events.event.ingestion-time" -> Optional.of(text(context.ingestionTime()));
          default -> values.containsKey(name) ? values.get(name) : null;
        };
    if (value == null) {
      return Optional.empty();
    }
    if (inString) {
      String raw = value.map(v -> v.isTextual() ? v.asText() : v.toString()).orElse("");
      String quoted = BusEvents.JSON.getNodeFactory().textNode(raw).toString();
      return Optional.of(quoted.substring(1, quoted.length() - 1));
    }
    if (jsonTemplate) {
      return Optional.of(value.map(JsonNode::toString).orElse("null"));
    }
    return Optional.of(value.map(v -> v.isTextual() ? v.asText() : v.toString()).orElse(""));
  }

  private static JsonNode text(String value) {
    return BusEvents.JSON.getNodeFactory().textNode(value);
  }

  private static boolean escaped(String text, int index) {
    int backslashes = 0;
    for (int i = index - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }
}
