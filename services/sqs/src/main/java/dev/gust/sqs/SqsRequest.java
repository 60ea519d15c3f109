package dev.gust.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gust.wire.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The members of an SQS JSON request (or of one batch entry), read with the types the API model
 * declares; a member of the wrong type is a {@code SerializationException}, as on AWS.
 */
final class SqsRequest {

  private final JsonNode node;

  private SqsRequest(JsonNode node) {
    this.node = node;
  }

  static SqsRequest parse(byte[] body) {
    if (body.length == 0) {
      return new SqsRequest(JsonNodeFactory.instance.objectNode());
    }
    try {
      JsonNode node = Json.pascalCase().mapper().readTree(body);
      if (node == null || !node.isObject()) {
        throw SqsErrors.SERIALIZATION.exception("The request body must be a JSON object");
      }
      return new SqsRequest(node);
    } catch (IOException e) {
      throw SqsErrors.SERIALIZATION.exception("The request body is not valid JSON");
    }
  }

  JsonNode node(String member) {
    JsonNode value = node.get(member);
    return value == null || value.isNull() ? null : value;
  }

  Optional<String> string(String member) {
    JsonNode value = node(member);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw SqsErrors.SERIALIZATION.exception("%s must be a string", member);
    }
    return Optional.of(value.asText());
  }

  String required(String member) {
    return string(member).orElseThrow(() -> SqsErrors.missing(member));
  }

  OptionalInt integer(String member) {
    JsonNode value = node(member);
    if (value == null) {
      return OptionalInt.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw SqsErrors.SERIALIZATION.exception("%s must be an integer", member);
    }
    return OptionalInt.of(value.intValue());
  }

  List<String> strings(String member) {
    JsonNode value = node(member);
    List<String> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    if (!value.isArray()) {
      throw SqsErrors.SERIALIZATION.exception("%s must be a list", member);
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw SqsErrors.SERIALIZATION.exception("%s must be a list of strings", member);
      }
      result.add(item.asText());
    }
    return result;
  }

  Map<String, String> stringMap(String member) {
    JsonNode value = node(member);
    Map<String, String> result = new LinkedHashMap<>();
    if (value == null) {
      return result;
    }
    if (!value.isObject()) {
      throw SqsErrors.SERIALIZATION.exception("%s must be a map", member);
    }
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!entry.getValue().isTextual()) {
        throw SqsErrors.SERIALIZATION.exception("%s must map strings to strings", member);
      }
      result.put(entry.getKey(), entry.getValue().asText());
    }
    return result;
  }

  /** The entries of a batch request, each readable like a request. */
  List<SqsRequest> entries() {
    JsonNode value = node("Entries");
    List<SqsRequest> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    if (!value.isArray()) {
      throw SqsErrors.SERIALIZATION.exception("Entries must be a list");
    }
    for (JsonNode entry : value) {
      if (!entry.isObject()) {
        throw SqsErrors.SERIALIZATION.exception("Each entry must be a structure");
      }
      result.add(new SqsRequest(entry));
    }
    return result;
  }
}
