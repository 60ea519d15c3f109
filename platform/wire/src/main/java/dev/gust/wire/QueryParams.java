package dev.gust.wire;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a query-protocol request (SNS): the URL's query and a form-encoded body,
 * merged, with helpers for the protocol's flattened lists ({@code Name.member.N}) and maps ({@code
 * Name.entry.N.key}). Immutable.
 */
public final class QueryParams {

  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  /** Parameters given as a map, for tests and for callers that built them already. */
  public static QueryParams of(Map<String, String> values) {
    return new QueryParams(Map.copyOf(values));
  }

  /**
   * The URL query parameters of {@code request} and, if its body is form-encoded, the body's; a
   * body parameter wins over a query parameter of the same name.
   */
  public static QueryParams parse(HttpRequest request) {
    Map<String, String> values = new LinkedHashMap<>();
    request.query().forEach((name, list) -> values.put(name, list.getFirst()));
    if (isForm(request)) {
      values.putAll(parseForm(new String(request.body(), StandardCharsets.UTF_8)));
    }
    return new QueryParams(Map.copyOf(values));
  }

  static boolean isForm(HttpRequest request) {
    return request
        .headers()
        .first("Content-Type")
        .map(type -> type.toLowerCase(java.util.Locale.ROOT))
        .filter(type -> type.startsWith("application/x-www-form-urlencoded"))
        .isPresent();
  }

  /** Decodes {@code application/x-www-form-urlencoded} text: a plus sign is a space. */
  static Map<String, String> parseForm(String body) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      result.put(
          decodeForm(eq < 0 ? pair : pair.substring(0, eq)),
          eq < 0 ? "" : decodeForm(pair.substring(eq + 1)));
    }
    return result;
  }

  private static String decodeForm(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public Map<String, String> asMap() {
    return values;
  }

  /** The values of the list {@code name.member.1}, {@code name.member.2}... in order. */
  public List<String> members(String name) {
    List<String> result = new ArrayList<>();
    for (int i = 1; values.containsKey(name + ".member." + i); i++) {
      result.add(values.get(name + ".member." + i));
    }
    return result;
  }

  /**
   * The structures of the list {@code name.member.N}: for each N, the parameters under {@code
   * name.member.N.} with that prefix removed.
   */
  public List<QueryParams> structures(String name) {
    List<QueryParams> result = new ArrayList<>();
    for (int i = 1; ; i++) {
      QueryParams member = under(name + ".member." + i);
      if (member.values.isEmpty()) {
        return result;
      }
      result.add(member);
    }
  }

  /**
   * The map {@code name.entry.N.key} / {@code name.entry.N.value}, in order; the names of key and
   * value differ between operations ({@code key}/{@code value}, {@code Name}/{@code Value}).
   */
  public List<Map.Entry<String, QueryParams>> entries(String name, String keyName) {
    List<Map.Entry<String, QueryParams>> result = new ArrayList<>();
    for (int i = 1; ; i++) {
      QueryParams entry = under(name + ".entry." + i);
      if (entry.values.isEmpty()) {
        return result;
      }
      result.add(Map.entry(entry.values.getOrDefault(keyName, ""), entry));
    }
  }

  /** The parameters that start with {@code prefix + "."}, with that prefix removed. */
  public QueryParams under(String prefix) {
    String start = prefix + ".";
    Map<String, String> result = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith(start)) {
            result.put(key.substring(start.length()), value);
          }
        });
    return new QueryParams(result);
  }

  @Override
  public String toString() {
    return values.keySet().toString();
  }
}
