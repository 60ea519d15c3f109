package dev.gust.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.worker.InvokeOutcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The payload an invocation answers with, as Lambda composes it: the function's own result or error
 * document, or, when the function could not answer, Lambda's error document for a timeout or a
 * sandbox failure.
 */
final class ResponsePayload {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ResponsePayload() {}

  static byte[] of(InvokeOutcome outcome, String requestId, Instant now) {
    return switch (outcome) {
      case InvokeOutcome.Ok ok -> ok.payload();
      case InvokeOutcome.FunctionError error -> error.body();
      case InvokeOutcome.InitFailed init -> init.body();
      case InvokeOutcome.TimedOut timedOut ->
          errorJson(
              Optional.empty(),
              String.format(
                  "%s %s Task timed out after %d.00 seconds",
                  TIMESTAMP.format(now), requestId, timedOut.timeoutSeconds()));
      case InvokeOutcome.SandboxFailed failed ->
          errorJson(
              Optional.of(failed.errorType()),
              "RequestId: " + requestId + " Error: " + failed.message());
    };
  }

  private static byte[] errorJson(Optional<String> type, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    type.ifPresent(t -> body.put("errorType", t));
    body.put("errorMessage", message);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error document", e);
    }
  }
}
