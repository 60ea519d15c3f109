package dev.gust.wire;

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
          if (size > length.max()) {
            violations.add(
                path, value, "Member must have length less than or equal to " + length.max());
          } else if (size >= 0 && size < length.min()) {
            violations.add(
                path, value, "Member must have length greater than or equal to " + length.min());
          }
        });
    range.ifPresent(
        range -> {
          if (value instanceof Number number) {
            if (number.doubleValue() > range.max()) {
              violations.add(
                  path, value, "Member must have value less than or equal to " + range.max());
            } else if (number.doubleValue() < range.min()) {
              violations.add(
                  path, value, "Member must have value greater than or equal to " + range.min());
            }
          }
        });
    pattern.ifPresent(
        regex -> {
          if (value instanceof String text && !regex.matcher(text).matches()) {
            violations.add(
                path, value, "Member must satisfy regular expression pattern: " + regex.pattern());
          }
        });
    if (!oneOf.isEmpty() && value instanceof String text && !oneOf.contains(text)) {
      violations.add(path, value, "Member must satisfy enum value set: " + oneOf);
    }
  }
}
