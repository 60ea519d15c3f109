package dev.gust.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.gust.core.ErrorType;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON mapping as AWS's JSON protocols need it: strict types (a string is not a number), unknown
 * members ignored, absent values omitted. Each service picks the member naming its API uses.
 */
public final class Json {

  private static final Json PASCAL = new Json(PropertyNamingStrategies.UPPER_CAMEL_CASE);
  private static final Json CAMEL = new Json(PropertyNamingStrategies.LOWER_CAMEL_CASE);

  private final ObjectMapper mapper;

  private Json(PropertyNamingStrategy naming) {
    this.mapper =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .propertyNamingStrategy(naming)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .build();
  }

  /** Members named {@code LikeThis}: Lambda, SQS, EventBridge, Kinesis. */
  public static Json pascalCase() {
    return PASCAL;
  }

  /** Members named {@code likeThis}: Step Functions, API Gateway v2. */
  public static Json camelCase() {
    return CAMEL;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Reads a request body, raising the given error type with Jackson's explanation when the body is
   * not JSON or its members have the wrong types. An empty body reads as an empty object.
   */
  public <T> T read(byte[] body, Class<T> type, ErrorType onError, String messagePrefix) {
    try {
      T value =
          mapper.readValue(
              body.length == 0 ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : body,
              type);
      if (value == null) {
        throw onError.exception(messagePrefix + "the body is JSON null, not an object");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw onError.exception(messagePrefix + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a byte string is as JSON. */
  public enum Shape {
    /** Nothing but whitespace. */
    EMPTY,
    /** One JSON value. */
    VALUE,
    /** Anything else. */
    NOT_JSON
  }

  /** Reads {@code document} through, without building it, to tell its {@link Shape}. */
  public static Shape shape(byte[] document) {
    try (JsonParser parser = CAMEL.mapper.getFactory().createParser(document)) {
      if (parser.nextToken() == null) {
        return Shape.EMPTY;
      }
      parser.skipChildren();
      return parser.nextToken() == null ? Shape.VALUE : Shape.NOT_JSON;
    } catch (IOException e) {
      return Shape.NOT_JSON;
    }
  }

  /**
   * Reads the first JSON value of {@code document} through, without building it; an empty document
   * passes.
   *
   * @throws JsonProcessingException with Jackson's explanation when that value is not JSON
   */
  public static void checkSyntax(byte[] document) throws JsonProcessingException {
    try (JsonParser parser = CAMEL.mapper.getFactory().createParser(document)) {
      if (parser.nextToken() != null) {
        parser.skipChildren();
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] write(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass(), e);
    }
  }
}
