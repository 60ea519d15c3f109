package dev.gust.wire;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads structures from query-protocol parameters and writes them as the protocol's XML. Lists are
 * {@code Name.member.N} ({@code Name.N} when flattened), maps {@code Name.entry.N.key}/{@code
 * .value} ({@code Name.N.Name}/{@code .Value} when flattened, with the entry names the model
 * gives), nested structures {@code Name.Member}. In XML, lists wrap {@code <member>} elements
 * unless flattened, maps wrap {@code <entry>} elements unless flattened.
 */
final class QueryCodec {

  private QueryCodec() {}

  /** Reads the members of {@code shape} found under {@code prefix} into {@code values}. */
  static void read(Map<String, String> params, String prefix, StructShape shape, Object[] values) {
    List<MemberShape> members = shape.members();
    for (int i = 0; i < members.size(); i++) {
      MemberShape member = members.get(i);
      values[i] = read(params, prefix + member.formName(), member.shape(), member);
    }
  }

  private static Object read(
      Map<String, String> params, String key, Shape shape, MemberShape member) {
    return switch (shape) {
      case Shape.Scalar scalar -> {
        String text = params.get(key);
        yield text == null ? null : scalar(text, scalar.kind(), member.name());
      }
      case Shape.EnumOf enumeration -> {
        String text = params.get(key);
        if (text == null) {
          yield null;
        }
        Object value = enumeration.parse(text);
        yield value != null ? value : new Decoding.Unknown(text, enumeration);
      }
      case Shape.ListOf list -> {
        String items = member.flat() ? key + "." : key + ".member.";
        List<Object> result = new ArrayList<>();
        for (int n = 1; ; n++) {
          Object element = read(params, items + n, list.element(), member);
          if (element == null) {
            yield result.isEmpty() && !params.containsKey(key) ? null : result;
          }
          result.add(element);
        }
      }
      case Shape.MapOf map -> {
        String entries = member.flat() ? key + "." : key + ".entry.";
        Map<String, Object> result = new LinkedHashMap<>();
        for (int n = 1; ; n++) {
          String entry = entries + n + ".";
          String name = params.get(entry + member.mapKey());
          Object value = read(params, entry + member.mapValue(), map.value(), member);
          if (name == null) {
            yield result.isEmpty() ? null : result;
          }
          if (value != null) {
            result.put(name, value);
          }
        }
      }
      case Shape.Struct struct -> {
        String start = key + ".";
        if (params.keySet().stream().noneMatch(k -> k.startsWith(start))) {
          yield null;
        }
        StructShape inner = struct.shape();
        Object[] values = new Object[inner.members().size()];
        read(params, start, inner, values);
        yield new Decoding.Partial(inner, values);
      }
    };
  }

  /** Reads a scalar written as text: query parameters, URI labels, headers. */
  static Object scalar(String text, Shape.Kind kind, String name) {
    try {
      return switch (kind) {
        case STRING -> text;
        case INTEGER -> Integer.parseInt(text.strip());
        case LONG -> Long.parseLong(text.strip());
        case DOUBLE -> Double.parseDouble(text.strip());
        case DECIMAL -> new BigDecimal(text.strip());
        case BOOLEAN -> {
          if (!text.equals("true") && !text.equals("false")) {
            throw new NumberFormatException(text);
          }
          yield Boolean.parseBoolean(text);
        }
        case TIMESTAMP -> Instant.parse(text);
        case BLOB -> Base64.getMimeDecoder().decode(text);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new Decoding.Malformed(
          "Value " + text + " for parameter " + name + " is invalid: not a " + describe(kind));
    } catch (IllegalArgumentException e) {
      throw new Decoding.Malformed("Value for parameter " + name + " is not valid base64");
    }
  }

  private static String describe(Shape.Kind kind) {
    return switch (kind) {
      case INTEGER, LONG -> "whole number";
      case DOUBLE, DECIMAL -> "number";
      case BOOLEAN -> "boolean";
      case TIMESTAMP -> "timestamp";
      case STRING, BLOB -> "string";
    };
  }

  /** Appends the members of {@code record} as XML elements. */
  static void writeXml(StringBuilder xml, Object record) {
    for (MemberShape member : StructShape.of(record.getClass()).members()) {
      Object value = member.get(record);
      if (value == null
          || StructShape.isEmpty(value) && member.presence() != MemberShape.Presence.OPTIONAL) {
        continue;
      }
      writeMember(xml, member, value);
    }
  }

  private static void writeMember(StringBuilder xml, MemberShape member, Object value) {
    String name = member.formName();
    switch (value) {
      case List<?> list -> {
        if (!member.flat()) {
          open(xml, name);
        }
        for (Object element : list) {
          element(xml, member.flat() ? name : "member", element);
        }
        if (!member.flat()) {
          close(xml, name);
        }
      }
      case Map<?, ?> map -> {
        if (!member.flat()) {
          open(xml, name);
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          open(xml, member.flat() ? name : "entry");
          element(xml, member.mapKey(), entry.getKey());
          element(xml, member.mapValue(), entry.getValue());
          close(xml, member.flat() ? name : "entry");
        }
        if (!member.flat()) {
          close(xml, name);
        }
      }
      default -> element(xml, name, value);
    }
  }

  private static void element(StringBuilder xml, String name, Object value) {
    open(xml, name);
    switch (value) {
      case Record record -> writeXml(xml, record);
      case Instant time -> xml.append(time);
      case BigDecimal number -> xml.append(number.toPlainString());
      case byte[] bytes -> xml.append(Base64.getEncoder().encodeToString(bytes));
      default -> xml.append(QueryXml.escape(value.toString()));
    }
    close(xml, name);
  }

  private static void open(StringBuilder xml, String name) {
    xml.append('<').append(name).append('>');
  }

  private static void close(StringBuilder xml, String name) {
    xml.append("</").append(name).append('>');
  }
}
