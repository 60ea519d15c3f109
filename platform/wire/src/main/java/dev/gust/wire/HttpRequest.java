package dev.gust.wire;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a server adapter received it. The path is the raw, still percent-encoded path
 * so that encoded slashes and colons inside path parameters survive routing; the query is already
 * decoded.
 */
public record HttpRequest(
    String method, String rawPath, Map<String, List<String>> query, Headers headers, byte[] body) {

  public HttpRequest {
    query = Map.copyOf(query);
  }

  /**
   * Builds a request from a raw path and a raw (still encoded) query string, which may be empty.
   */
  public static HttpRequest of(
      String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
    return new HttpRequest(method, rawPath, parseQuery(rawQuery), headers, body);
  }

  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  public List<String> queryParams(String name) {
    return query.getOrDefault(name, List.of());
  }

  static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return result;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      result.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return result;
  }

  /**
   * Decodes percent-encoding; a plus sign stays a plus, as in a path segment. Text with a malformed
   * escape is returned as it came, so that it fails the operation's own validation with a client
   * error rather than breaking routing.
   */
  static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
