package dev.gust.wire;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One member of a structure, read once from a record component and its {@link Member} declarations.
 *
 * @param name the JSON name (and the query/XML name unless {@code formName} differs)
 * @param path the name in validation messages: the JSON name with its first letter lowered
 * @param presence whether the member is required, or what stands for its absence
 */
record MemberShape(
    String name,
    String path,
    String formName,
    boolean flat,
    String mapKey,
    String mapValue,
    Location location,
    String locationName,
    Presence presence,
    Shape shape,
    Constraints constraints,
    MethodHandle accessor) {

  /** Where a REST member travels; everything else is in the body. */
  enum Location {
    BODY,
    PATH,
    QUERY_STRING,
    HEADER,
    PAYLOAD,
    STATUS
  }

  /** How a member's absence is written in the record. */
  enum Presence {
    REQUIRED,
    OPTIONAL,
    EMPTY_LIST,
    EMPTY_MAP;

    Object absent() {
      return switch (this) {
        case REQUIRED -> null;
        case OPTIONAL -> Optional.empty();
        case EMPTY_LIST -> List.of();
        case EMPTY_MAP -> Map.of();
      };
    }
  }

  static MemberShape of(RecordComponent component) {
    Member.Name named = component.getAnnotation(Member.Name.class);
    String name = named != null ? named.value() : capitalize(component.getName());
    Member.Form form = component.getAnnotation(Member.Form.class);
    Type type = component.getGenericType();
    Presence presence = Presence.REQUIRED;
    if (type instanceof ParameterizedType generic && generic.getRawType() == Optional.class) {
      presence = Presence.OPTIONAL;
      type = generic.getActualTypeArguments()[0];
    }
    Shape shape = Shape.of(type);
    boolean required = component.isAnnotationPresent(Member.Required.class);
    if (presence == Presence.REQUIRED && !required && shape instanceof Shape.ListOf) {
      presence = Presence.EMPTY_LIST;
    } else if (presence == Presence.REQUIRED && !required && shape instanceof Shape.MapOf) {
      presence = Presence.EMPTY_MAP;
    }
    Location location = Location.BODY;
    String locationName = name;
    if (component.getAnnotation(Member.Path.class) instanceof Member.Path path) {
      location = Location.PATH;
      locationName = path.value();
    } else if (component.getAnnotation(Member.QueryString.class) instanceof Member.QueryString q) {
      location = Location.QUERY_STRING;
      locationName = q.value();
    } else if (component.getAnnotation(Member.Header.class) instanceof Member.Header header) {
      location = Location.HEADER;
      locationName = header.value();
    } else if (component.isAnnotationPresent(Member.Payload.class)) {
      location = Location.PAYLOAD;
    } else if (component.isAnnotationPresent(Member.Status.class)) {
      location = Location.STATUS;
    }
    MethodHandle accessor;
    try {
      accessor = MethodHandles.publicLookup().unreflect(component.getAccessor());
    } catch (IllegalAccessException e) {
      try {
        component.getAccessor().setAccessible(true);
        accessor = MethodHandles.lookup().unreflect(component.getAccessor());
      } catch (IllegalAccessException | RuntimeException again) {
        throw new IllegalArgumentException("cannot read " + component, again);
      }
    }
    return new MemberShape(
        name,
        Character.toLowerCase(name.charAt(0)) + name.substring(1),
        form != null && !form.value().isEmpty() ? form.value() : name,
        form != null && form.flat(),
        form != null ? form.key() : "key",
        form != null ? form.entryValue() : "value",
        location,
        locationName,
        presence,
        shape,
        Constraints.of(component),
        accessor);
  }

  /** The member's value in {@code record}, {@code Optional} unwrapped; null when absent. */
  Object get(Object record) {
    Object value;
    try {
      value = accessor.invoke(record);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read " + name + " of " + record.getClass(), e);
    }
    if (value instanceof Optional<?> optional) {
      return optional.orElse(null);
    }
    return value;
  }

  /** The record component's value for a decoded wire value, or for its absence. */
  Object wrap(Object value) {
    if (value == null) {
      return presence.absent();
    }
    return presence == Presence.OPTIONAL ? Optional.of(value) : value;
  }

  boolean required() {
    return presence == Presence.REQUIRED;
  }

  private static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
