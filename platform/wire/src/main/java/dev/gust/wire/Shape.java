package dev.gust.wire;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The type of a member as the wire sees it, read once from a record component's Java type: a
 * scalar, a list, a map with string keys, an enumeration, or a nested structure (another record).
 */
sealed interface Shape {

  /** The scalar kinds; timestamps and blobs differ in form between protocols. */
  enum Kind {
    STRING,
    INTEGER,
    LONG,
    DOUBLE,
    /** An arbitrary-precision decimal, written as given: {@code 1700000000.120} keeps its zero. */
    DECIMAL,
    BOOLEAN,
    TIMESTAMP,
    BLOB
  }

  record Scalar(Kind kind) implements Shape {}

  record ListOf(Shape element) implements Shape {}

  record MapOf(Shape value) implements Shape {}

  /** A Java enum whose constants' {@code toString()} are the wire values. */
  record EnumOf(Class<? extends Enum<?>> type) implements Shape {

    Object parse(String text) {
      for (Enum<?> constant : type.getEnumConstants()) {
        if (constant.toString().equals(text)) {
          return constant;
        }
      }
      return null;
    }

    List<String> values() {
      return java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
    }
  }

  record Struct(Class<?> type) implements Shape {

    StructShape shape() {
      return StructShape.of(type);
    }
  }

  /** The shape of a Java type; {@code Optional} must have been unwrapped by the caller. */
  @SuppressWarnings("unchecked")
  static Shape of(Type type) {
    if (type instanceof ParameterizedType generic) {
      Class<?> raw = (Class<?>) generic.getRawType();
      Type[] args = generic.getActualTypeArguments();
      if (raw == List.class) {
        return new ListOf(of(args[0]));
      }
      if (raw == Map.class) {
        if (args[0] != String.class) {
          throw new IllegalArgumentException("map keys must be strings: " + type);
        }
        return new MapOf(of(args[1]));
      }
      throw new IllegalArgumentException("unsupported generic member type " + type);
    }
    Class<?> raw = (Class<?>) type;
    if (raw == String.class) {
      return new Scalar(Kind.STRING);
    } else if (raw == Integer.class || raw == int.class) {
      return new Scalar(Kind.INTEGER);
    } else if (raw == Long.class || raw == long.class) {
      return new Scalar(Kind.LONG);
    } else if (raw == Double.class || raw == double.class) {
      return new Scalar(Kind.DOUBLE);
    } else if (raw == BigDecimal.class) {
      return new Scalar(Kind.DECIMAL);
    } else if (raw == Boolean.class || raw == boolean.class) {
      return new Scalar(Kind.BOOLEAN);
    } else if (raw == Instant.class) {
      return new Scalar(Kind.TIMESTAMP);
    } else if (raw == byte[].class) {
      return new Scalar(Kind.BLOB);
    } else if (raw.isEnum()) {
      return new EnumOf((Class<? extends Enum<?>>) raw);
    } else if (raw.isRecord()) {
      return new Struct(raw);
    }
    throw new IllegalArgumentException("unsupported member type " + type);
  }
}
