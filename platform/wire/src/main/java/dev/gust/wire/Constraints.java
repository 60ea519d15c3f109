package dev.gust.wire;

import dev.gust.core.Violations;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The model's constraints on one member, checked after the member was read. */
record Constraints(
    Optional<Member.Length> length,
    Optional<Member.Range> range,
    Optional<java.util.regex.Pattern> pattern,
    List<String> oneOf) {

  static Constraints of(RecordComponent component) {
    Member.Pattern pattern = component.getAnnotation(Member.Pattern.class);
    Member.OneOf oneOf = component.getAnnotation(Member.OneOf.class);
    return new Constraints(
        Optional.ofNullable(component.getAnnotation(Member.Length.class)),
        Optional.ofNullable(component.getAnnotation(Member.Range.class)),
        Optional.ofNullable(pattern).map(p -> java.util.regex.Pattern.compile(p.value())),
        oneOf == null ? List.of() : List.of(oneOf.value()));
  }

  /** Adds a violation for each constraint {@code value} breaks; {@code value} is not null. */
  void check(String path, Object value, Violations violations) {
    length.ifPresent(
        length -> {
          int size =
              switch (value) {
                case String text -> text.length();
                case Collection<?> collection -> collection.size();
                case Map<?, ?> map -> map.size();
                case byte[] bytes -> bytes.length;
                default -> -1;
              };
          if (size >= 0) {
            violations.length(path, value, size, length.min(), length.max());
          }
        });
    range.ifPresent(
        range -> {
          if (value instanceof Number number) {
            violations.range(path, number, range.min(), range.max());
          }
        });
    pattern.ifPresent(
        regex -> {
          if (value instanceof String text) {
            violations.pattern(path, text, regex);
          }
        });
    if (!oneOf.isEmpty() && value instanceof String text) {
      violations.oneOf(path, text, oneOf);
    }
  }
}
