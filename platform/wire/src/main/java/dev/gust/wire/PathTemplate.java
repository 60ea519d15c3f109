package dev.gust.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A REST path such as {@code /2015-03-31/functions/{FunctionName}/aliases/{Name}}. Parameters match
 * exactly one segment; segments are percent-decoded after splitting, so an ARN sent as {@code
 * arn%3Aaws%3Alambda...} arrives whole. A trailing slash is ignored, as AWS ignores it.
 *
 * <p>A template may end in literal query parameters, as AWS's models write them ({@code
 * /functions/{FunctionName}/provisioned-concurrency?List=ALL}): a request matches only if it
 * carries each one, with the given value when the literal has one. Such a template tells apart two
 * operations on the same method and path.
 */
public final class PathTemplate {

  private final String text;
  private final List<String> segments;

  /** The literal query parameters: name to the value required, or empty for any value. */
  private final Map<String, Optional<String>> query;

  private PathTemplate(String text, List<String> segments, Map<String, Optional<String>> query) {
    this.text = text;
    this.segments = segments;
    this.query = query;
  }

  public static PathTemplate parse(String template) {
    int mark = template.indexOf('?');
    if (mark < 0) {
      return new PathTemplate(template, split(template), Map.of());
    }
    Map<String, Optional<String>> query = new LinkedHashMap<>();
    for (String pair : template.substring(mark + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (pair.isEmpty() || eq == 0) {
        throw new IllegalArgumentException("bad query literal in " + template);
      }
      query.put(
          eq < 0 ? pair : pair.substring(0, eq),
          eq < 0 ? Optional.empty() : Optional.of(pair.substring(eq + 1)));
    }
    return new PathTemplate(
        template, split(template.substring(0, mark)), Collections.unmodifiableMap(query));
  }

  /** True if the template has literal query parameters, which make it the more specific. */
  public boolean hasQueryLiterals() {
    return !query.isEmpty();
  }

  /** True if {@code params}, a request's decoded query, carries the template's literals. */
  public boolean matchesQuery(Map<String, List<String>> params) {
    for (Map.Entry<String, Optional<String>> literal : query.entrySet()) {
      List<String> values = params.getOrDefault(literal.getKey(), List.of());
      if (values.isEmpty()
          || literal.getValue().isPresent() && !values.contains(literal.getValue().get())) {
        return false;
      }
    }
    return true;
  }

  /** The decoded parameters if the raw path matches this template. */
  public Optional<Map<String, String>> match(String rawPath) {
    List<String> actual = split(rawPath);
    if (actual.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String expected = segments.get(i);
      String value = HttpRequest.decode(actual.get(i));
      if (expected.startsWith("{") && expected.endsWith("}")) {
        if (value.isEmpty()) {
          return Optional.empty();
        }
        params.put(expected.substring(1, expected.length() - 1), value);
      } else if (!expected.equals(value)) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  private static List<String> split(String path) {
    List<String> result = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        result.add(segment);
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return text;
  }
}
