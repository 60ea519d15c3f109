package dev.gust.wire;

import dev.gust.core.Violations;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A structure of the model: a record class, its members in declaration order and its canonical
 * constructor. Read once per class; codecs fill an array of member values and {@link #build} checks
 * presence and constraints and constructs the record.
 */
final class StructShape {

  private static final ClassValue<StructShape> CACHE =
      new ClassValue<>() {
        @Override
        protected StructShape computeValue(Class<?> type) {
          return new StructShape(type);
        }
      };

  private final Class<?> type;
  private final List<MemberShape> members;
  private final Map<String, Integer> byName = new HashMap<>();
  private final Map<String, Integer> byFormName = new HashMap<>();
  private final MethodHandle constructor;

  private StructShape(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    this.members = Arrays.stream(components).map(MemberShape::of).toList();
    for (int i = 0; i < members.size(); i++) {
      byName.put(members.get(i).name(), i);
      byFormName.put(members.get(i).formName(), i);
    }
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      this.constructor =
          MethodHandles.lookup()
              .unreflectConstructor(canonical)
              .asSpreader(Object[].class, components.length)
              .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot construct " + type, e);
    }
  }

  static StructShape of(Class<?> type) {
    return CACHE.get(type);
  }

  Class<?> type() {
    return type;
  }

  List<MemberShape> members() {
    return members;
  }

  /** The index of the member with JSON name {@code name}, or -1. */
  int indexOf(String name) {
    Integer index = byName.get(name);
    return index == null ? -1 : index;
  }

  /** The index of the member with query/XML name {@code name}, or -1. */
  int indexOfForm(String name) {
    Integer index = byFormName.get(name);
    return index == null ? -1 : index;
  }

  /**
   * Checks the decoded {@code values} (null where absent) against the model and builds the record.
   * Violations are added under {@code prefix}; the record is built only when there are none, else
   * null is returned.
   */
  Object build(Object[] values, String prefix, Violations violations, Decoding decoding) {
    int before = violations.size();
    for (int i = 0; i < members.size(); i++) {
      MemberShape member = members.get(i);
      String path = prefix.isEmpty() ? member.path() : prefix + "." + member.path();
      Object value = resolve(values[i], path, violations, decoding);
      values[i] = value;
      if (value == Decoding.INVALID) {
        continue;
      }
      if (value == null) {
        if (member.required()) {
          decoding.missing(member, path, violations);
        }
      } else {
        member.constraints().check(path, value, violations);
      }
    }
    if (violations.size() > before) {
      return null;
    }
    Object[] arguments = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      arguments[i] = members.get(i).wrap(values[i]);
    }
    try {
      return (Object) constructor.invokeExact(arguments);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot construct " + type, e);
    }
  }

  /** Builds nested structures and reports unknown enumeration values, inside collections too. */
  private static Object resolve(
      Object value, String path, Violations violations, Decoding decoding) {
    return switch (value) {
      case null -> null;
      case Decoding.Partial partial -> {
        Object built = partial.shape().build(partial.values(), path, violations, decoding);
        yield built == null ? Decoding.INVALID : built;
      }
      case Decoding.Unknown unknown -> {
        violations.add(
            path,
            unknown.text(),
            "Member must satisfy enum value set: " + unknown.shape().values());
        yield Decoding.INVALID;
      }
      case List<?> list -> {
        List<Object> result = new java.util.ArrayList<>(list.size());
        boolean invalid = false;
        for (Object element : list) {
          Object resolved = resolve(element, path, violations, decoding);
          invalid |= resolved == Decoding.INVALID;
          result.add(resolved);
        }
        yield invalid ? Decoding.INVALID : List.copyOf(result);
      }
      case Map<?, ?> map -> {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        boolean invalid = false;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          Object resolved = resolve(entry.getValue(), path, violations, decoding);
          invalid |= resolved == Decoding.INVALID;
          result.put((String) entry.getKey(), resolved);
        }
        yield invalid ? Decoding.INVALID : java.util.Collections.unmodifiableMap(result);
      }
      default -> value;
    };
  }

  /** True when a collection value is empty: such members are left out of replies. */
  static boolean isEmpty(Object value) {
    return value instanceof Collection<?> c && c.isEmpty()
        || value instanceof Map<?, ?> m && m.isEmpty();
  }
}
