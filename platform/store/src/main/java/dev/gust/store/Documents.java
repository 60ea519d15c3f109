package dev.gust.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON codec of documents kept in the store's columns: the disk format, owned here and never
 * the wire layer's, so that a change to an API's JSON cannot change what is on disk.
 *
 * <p>The format is Jackson's defaults with the JDK 8 and {@code java.time} modules: members named
 * as the record's components, in declaration order; an empty {@link java.util.Optional} written as
 * {@code null}; an {@link java.time.Instant} as decimal seconds. Unknown members are ignored when
 * reading, so that a document written by a later version still reads. Changing any of this changes
 * every stored document: data directories written before must stay readable.
 */
public final class Documents {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Documents() {}

  /** The document of a value: a record, a map, a list or a {@link JsonNode}. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads a stored document.
   *
   * @throws StoreException if it is not a document of {@code type}: the store is corrupt
   */
  public static <T> T read(String document, Class<T> type) {
    try {
      return MAPPER.readValue(document, type);
    } catch (JsonProcessingException e) {
      throw corrupt(type.getSimpleName(), e);
    }
  }

  /** Reads a stored document of a generic type, such as a map. */
  public static <T> T read(String document, TypeReference<T> type) {
    try {
      return MAPPER.readValue(document, type);
    } catch (JsonProcessingException e) {
      throw corrupt(type.getType().getTypeName(), e);
    }
  }

  /** Reads a stored document as a tree, for stores that map their documents by hand. */
  public static JsonNode tree(String document) {
    try {
      return MAPPER.readTree(document);
    } catch (JsonProcessingException e) {
      throw corrupt("document", e);
    }
  }

  /** An empty object to build a document by hand; {@link #write} it. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  private static StoreException corrupt(String what, JsonProcessingException e) {
    return new StoreException("corrupt stored " + what + ": " + e.getOriginalMessage(), e);
  }
}
