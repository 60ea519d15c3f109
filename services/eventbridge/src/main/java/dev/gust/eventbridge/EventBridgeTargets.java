package dev.gust.eventbridge;

import static dev.gust.eventbridge.EventBridgeApi.integer;
import static dev.gust.eventbridge.EventBridgeApi.required;
import static dev.gust.eventbridge.EventBridgeApi.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Rule targets on the EventBridge wire: {@code Target} structures read and written. */
final class EventBridgeTargets {

  private EventBridgeTargets() {}

  static RuleTarget read(JsonNode t) {
    Optional<RuleTarget.Transformer> transformer = Optional.empty();
    JsonNode it = t.get("InputTransformer");
    if (it != null && !it.isNull()) {
      Map<String, String> paths = new LinkedHashMap<>();
      JsonNode map = it.path("InputPathsMap");
      map.properties().forEach(e -> paths.put(e.getKey(), e.getValue().asText()));
      transformer = Optional.of(new RuleTarget.Transformer(paths, required(it, "InputTemplate")));
    }
    JsonNode retry = t.path("RetryPolicy");
    JsonNode dlq = t.path("DeadLetterConfig");
    return new RuleTarget(
        required(t, "Id"),
        required(t, "Arn"),
        text(t, "Input"),
        text(t, "InputPath"),
        transformer,
        retry.isObject() ? integer(retry, "MaximumRetryAttempts") : Optional.empty(),
        retry.isObject() ? integer(retry, "MaximumEventAgeInSeconds") : Optional.empty(),
        dlq.isObject() ? text(dlq, "Arn") : Optional.empty(),
        text(t, "RoleArn"));
  }

  static Map<String, Object> write(RuleTarget target) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Id", target.id());
    out.put("Arn", target.arn());
    target.roleArn().ifPresent(v -> out.put("RoleArn", v));
    target.input().ifPresent(v -> out.put("Input", v));
    target.inputPath().ifPresent(v -> out.put("InputPath", v));
    target
        .transformer()
        .ifPresent(
            v -> {
              Map<String, Object> transformer = new LinkedHashMap<>();
              if (!v.inputPathsMap().isEmpty()) {
                transformer.put("InputPathsMap", v.inputPathsMap());
              }
              transformer.put("InputTemplate", v.inputTemplate());
              out.put("InputTransformer", transformer);
            });
    if (target.maxRetries().isPresent() || target.maxAgeSeconds().isPresent()) {
      Map<String, Object> retry = new LinkedHashMap<>();
      target.maxRetries().ifPresent(v -> retry.put("MaximumRetryAttempts", v));
      target.maxAgeSeconds().ifPresent(v -> retry.put("MaximumEventAgeInSeconds", v));
      out.put("RetryPolicy", retry);
    }
    target.deadLetterArn().ifPresent(v -> out.put("DeadLetterConfig", Map.of("Arn", v)));
    return out;
  }
}
