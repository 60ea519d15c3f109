package dev.gust.runtimes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lambda's error JSON: {@code {"errorMessage": ..., "errorType": ...}}. */
public final class Errors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Errors() {}

  /** Lambda's error JSON for the given type and message. */
  public static byte[] body(String errorType, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("errorMessage", message);
    body.put("errorType", errorType);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
