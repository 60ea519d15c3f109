package dev.gust.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A REST path such as {@code /2015-03-31/functions/{FunctionName}/aliases/{Name}}. Parameters match
 * exactly one segment; segments are percent-decoded after splitting, so an ARN sent as {@code
 * arn%3Aaws%3Alambda...} arrives whole. A trailing slash is ignored, as AWS ignores it.
 */
public final class PathTemplate {

  private final String text;
  private final List<String> segments;

  private PathTemplate(String text, List<String> segments) {
    this.text = text;
    this.segments = segments;
  }

  public static PathTemplate parse(String template) {
    return new PathTemplate(template, split(template));
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
