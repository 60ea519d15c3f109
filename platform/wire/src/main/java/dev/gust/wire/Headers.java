package dev.gust.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** HTTP header fields with case-insensitive names, as HTTP defines them. Immutable. */
public final class Headers {

  private static final Headers EMPTY = new Headers(new TreeMap<>());

  private final Map<String, List<String>> values;

  private Headers(Map<String, List<String>> values) {
    this.values = values;
  }

  public static Headers empty() {
    return EMPTY;
  }

  /** Copies the given fields; names are compared ignoring case, values keep their order. */
  public static Headers of(Map<String, ? extends List<String>> fields) {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    fields.forEach((name, list) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(list));
    copy.replaceAll((name, list) -> List.copyOf(list));
    return new Headers(Collections.unmodifiableMap(copy));
  }

  /** The first value of the named field. */
  public Optional<String> first(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.getFirst());
  }

  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  public Map<String, List<String>> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return values.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList().toString();
  }
}
