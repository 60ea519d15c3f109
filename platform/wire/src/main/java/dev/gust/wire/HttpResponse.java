package dev.gust.wire;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response, complete in memory. Header names are written as given. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

  public HttpResponse {
    headers = Map.copyOf(headers);
  }

  public static HttpResponse of(int status, String contentType, byte[] body) {
    return new HttpResponse(status, Map.of("Content-Type", contentType), body);
  }

  public static HttpResponse json(int status, byte[] body) {
    return of(status, "application/json", body);
  }

  public static HttpResponse empty(int status) {
    return new HttpResponse(status, Map.of(), new byte[0]);
  }

  /** A copy with one more header, replacing any header of the same name. */
  public HttpResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new HttpResponse(status, copy, body);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
