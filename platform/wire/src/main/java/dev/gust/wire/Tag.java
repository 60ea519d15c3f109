package dev.gust.wire;

import dev.gust.core.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tag kit: a resource tag as the services that list tags as {@code [{Key, Value}]} declare it
 * (SNS, EventBridge), AWS's common limits, and the conversions between a tag list and the map that
 * services that declare tags as a map (Lambda, SQS) use.
 */
public record Tag(
    @Member.Length(min = 1, max = MAX_KEY_LENGTH) String key,
    @Member.Length(max = MAX_VALUE_LENGTH) String value) {

  /** AWS's common limits: 50 tags per resource, keys up to 128 characters, values up to 256. */
  public static final int MAX_TAGS = 50;

  public static final int MAX_KEY_LENGTH = 128;
  public static final int MAX_VALUE_LENGTH = 256;

  /**
   * The tags as a map in their order; a key given twice raises {@code duplicate}'s error for it.
   */
  public static Map<String, String> toMap(
      List<Tag> tags, Function<String, AwsException> duplicate) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Tag tag : tags) {
      if (map.put(tag.key(), tag.value()) != null) {
        throw duplicate.apply(tag.key());
      }
    }
    return map;
  }

  /** The tags of a map, in the map's order. */
  public static List<Tag> of(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
  }

  /**
   * Checks that a resource would hold at most {@link #MAX_TAGS} tags, keys and values within their
   * lengths and no key in the reserved {@code aws:} prefix; {@code invalid} builds the service's
   * error from AWS's reason.
   */
  public static void checkAll(Map<String, String> tags, Function<String, AwsException> invalid) {
    if (tags.size() > MAX_TAGS) {
      throw invalid.apply("Too many tags: a resource can have at most " + MAX_TAGS + " tags.");
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getKey().isEmpty() || tag.getKey().length() > MAX_KEY_LENGTH) {
        throw invalid.apply(
            "Tag keys must be between 1 and " + MAX_KEY_LENGTH + " characters in length.");
      }
      if (tag.getValue().length() > MAX_VALUE_LENGTH) {
        throw invalid.apply(
            "Tag values must be between 0 and " + MAX_VALUE_LENGTH + " characters in length.");
      }
      if (tag.getKey().startsWith("aws:")) {
        throw invalid.apply("Tag keys must not start with the reserved prefix aws:.");
      }
    }
  }
}
