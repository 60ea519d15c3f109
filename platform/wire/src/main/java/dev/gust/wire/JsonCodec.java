package dev.gust.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.gust.core.Violations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes structures as the JSON protocols and REST-JSON bodies carry them: members by
 * name, strict types (a string is not a number), unknown members ignored, absent members and empty
 * collections left out of replies, timestamps as epoch seconds, blobs as base64.
 */
final class JsonCodec {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build();

  private JsonCodec() {}

  /**
   * Reads the body members of {@code shape} from {@code body} into {@code values}; an empty body is
   * an empty object.
   */
  static void readBody(byte[] body, StructShape shape, Object[] values, Decoding decoding) {
    if (isBlank(body)) {
      return;
    }
    try (JsonParser parser = FACTORY.createParser(body)) {
      JsonToken token = parser.nextToken();
      if (token != JsonToken.START_OBJECT) {
        throw new Decoding.Malformed("The request body must be a JSON object");
      }
      readMembers(parser, shape, values, decoding);
      if (parser.nextToken() != null) {
        throw new Decoding.Malformed("The request body holds more than one JSON value");
      }
    } catch (IOException e) {
      throw new Decoding.Malformed("The request body is not valid JSON");
    }
  }

  /** Reads a whole JSON document as a structure: a REST payload member. */
  static Object readDocument(
      byte[] body, StructShape shape, String path, Violations violations, Decoding decoding) {
    Object[] values = new Object[shape.members().size()];
    readBody(body, shape, values, decoding);
    return shape.build(values, path, violations, decoding);
  }

  private static void readMembers(
      JsonParser parser, StructShape shape, Object[] values, Decoding decoding) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      int index = shape.indexOf(name);
      if (index < 0 || shape.members().get(index).location() != MemberShape.Location.BODY) {
        parser.skipChildren();
        continue;
      }
      values[index] = read(parser, token, shape.members().get(index).shape(), name, decoding);
    }
  }

  private static Object read(
      JsonParser parser, JsonToken token, Shape shape, String name, Decoding decoding)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    return switch (shape) {
      case Shape.Scalar scalar -> scalar(parser, token, scalar.kind(), name);
      case Shape.EnumOf enumeration -> {
        expect(token == JsonToken.VALUE_STRING, name, "a string");
        Object value = enumeration.parse(parser.getText());
        yield value != null ? value : new Decoding.Unknown(parser.getText(), enumeration);
      }
      case Shape.ListOf list -> {
        expect(token == JsonToken.START_ARRAY, name, "a list");
        List<Object> result = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          Object element = read(parser, t, list.element(), name, decoding);
          if (element != null) {
            result.add(element);
          }
        }
        yield result;
      }
      case Shape.MapOf map -> {
        expect(token == JsonToken.START_OBJECT, name, "a map");
        Map<String, Object> result = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          Object value = read(parser, parser.nextToken(), map.value(), name, decoding);
          if (value != null) {
            result.put(key, value);
          }
        }
        yield result;
      }
      case Shape.Struct struct -> {
        expect(token == JsonToken.START_OBJECT, name, "a structure");
        StructShape inner = struct.shape();
        Object[] values = new Object[inner.members().size()];
        readMembers(parser, inner, values, decoding);
        yield new Decoding.Partial(inner, values);
      }
    };
  }

  private static Object scalar(JsonParser parser, JsonToken token, Shape.Kind kind, String name)
      throws IOException {
    return switch (kind) {
      case STRING -> {
        expect(token == JsonToken.VALUE_STRING, name, "a string");
        yield parser.getText();
      }
      case INTEGER -> {
        expect(token == JsonToken.VALUE_NUMBER_INT, name, "an integer");
        expect(parser.getNumberType() == JsonParser.NumberType.INT, name, "a 32-bit integer");
        yield parser.getIntValue();
      }
      case LONG -> {
        expect(token == JsonToken.VALUE_NUMBER_INT, name, "an integer");
        expect(parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER, name, "a long");
        yield parser.getLongValue();
      }
      case DOUBLE -> {
        expect(token.isNumeric(), name, "a number");
        yield parser.getDoubleValue();
      }
      case DECIMAL -> {
        expect(token.isNumeric(), name, "a number");
        yield parser.getDecimalValue();
      }
      case BOOLEAN -> {
        expect(token.isBoolean(), name, "a boolean");
        yield parser.getBooleanValue();
      }
      case TIMESTAMP -> {
        if (token.isNumeric()) {
          BigDecimal seconds = parser.getDecimalValue();
          yield Instant.ofEpochSecond(
              seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        }
        expect(token == JsonToken.VALUE_STRING, name, "a timestamp");
        try {
          yield Instant.parse(parser.getText());
        } catch (DateTimeParseException e) {
          throw new Decoding.Malformed("Member " + name + " is not a valid timestamp");
        }
      }
      case BLOB -> {
        expect(token == JsonToken.VALUE_STRING, name, "a base64-encoded string");
        try {
          yield Base64.getMimeDecoder().decode(parser.getText());
        } catch (IllegalArgumentException e) {
          throw new Decoding.Malformed("Member " + name + " is not valid base64");
        }
      }
    };
  }

  private static void expect(boolean condition, String name, String what) {
    if (!condition) {
      throw new Decoding.Malformed("Member " + name + " must be " + what);
    }
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Writes the body members of {@code record} as a JSON object. */
  static byte[] write(Object record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      writeStruct(generator, record, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeStruct(JsonGenerator generator, Object record, boolean bodyOnly)
      throws IOException {
    generator.writeStartObject();
    for (MemberShape member : StructShape.of(record.getClass()).members()) {
      if (bodyOnly && member.location() != MemberShape.Location.BODY) {
        continue;
      }
      Object value = member.get(record);
      if (value == null
          || StructShape.isEmpty(value) && member.presence() != MemberShape.Presence.OPTIONAL) {
        continue;
      }
      generator.writeFieldName(member.name());
      writeValue(generator, value);
    }
    generator.writeEndObject();
  }

  private static void writeValue(JsonGenerator generator, Object value) throws IOException {
    switch (value) {
      case String text -> generator.writeString(text);
      case Integer number -> generator.writeNumber(number);
      case Long number -> generator.writeNumber(number);
      case Double number -> generator.writeNumber(number);
      case BigDecimal number -> generator.writeNumber(number);
      case Boolean flag -> generator.writeBoolean(flag);
      case Instant time -> generator.writeNumber(epochSeconds(time));
      case byte[] bytes -> generator.writeString(Base64.getEncoder().encodeToString(bytes));
      case Enum<?> constant -> generator.writeString(constant.toString());
      case List<?> list -> {
        generator.writeStartArray();
        for (Object element : list) {
          writeValue(generator, element);
        }
        generator.writeEndArray();
      }
      case Map<?, ?> map -> {
        generator.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          generator.writeFieldName(entry.getKey().toString());
          writeValue(generator, entry.getValue());
        }
        generator.writeEndObject();
      }
      case Record record -> writeStruct(generator, record, false);
      default -> throw new IllegalArgumentException("cannot write " + value.getClass());
    }
  }

  private static BigDecimal epochSeconds(Instant time) {
    return BigDecimal.valueOf(time.getEpochSecond())
        .add(BigDecimal.valueOf(time.getNano(), 9))
        .stripTrailingZeros();
  }
}
