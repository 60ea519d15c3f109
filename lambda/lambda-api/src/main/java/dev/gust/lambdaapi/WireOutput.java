package dev.gust.lambdaapi;

import dev.gust.core.Scope;
import dev.gust.registry.Alias;
import dev.gust.registry.Arns;
import dev.gust.registry.FunctionConfig;
import dev.gust.registry.FunctionVersion;
import dev.gust.registry.Lifecycle;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes the Lambda management API answers with, built from registry values. */
final class WireOutput {

  /** Lambda's {@code LastModified} format, such as {@code 2024-05-01T12:00:00.000+0000}. */
  static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

  private WireOutput() {}

  /**
   * A {@code FunctionConfiguration}.
   *
   * @param arnQualifier the qualifier the ARN carries: the one the client asked with, if any
   */
  static Map<String, Object> configuration(
      Scope scope, FunctionVersion v, Optional<String> arnQualifier) {
    FunctionConfig c = v.config();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("FunctionName", v.functionName());
    out.put("FunctionArn", Arns.function(scope, v.functionName(), arnQualifier));
    out.put("Runtime", c.runtime());
    out.put("Role", c.role());
    out.put("Handler", c.handler());
    out.put("CodeSize", v.code().size());
    out.put("Description", c.description());
    out.put("Timeout", c.timeoutSeconds());
    out.put("MemorySize", c.memorySizeMb());
    out.put("LastModified", LAST_MODIFIED.format(v.lastModified()));
    out.put("CodeSha256", v.code().sha256());
    out.put("Version", v.version());
    if (!c.environment().isEmpty()) {
      out.put("Environment", Map.of("Variables", c.environment()));
    }
    c.deadLetterTargetArn().ifPresent(t -> out.put("DeadLetterConfig", Map.of("TargetArn", t)));
    c.kmsKeyArn().ifPresent(k -> out.put("KMSKeyArn", k));
    out.put("TracingConfig", Map.of("Mode", c.tracingMode()));
    out.put("RevisionId", v.revisionId());
    Lifecycle lifecycle = v.lifecycle();
    out.put("State", lifecycle.state());
    lifecycle.stateReason().or(() -> stateFailure(v)).ifPresent(r -> out.put("StateReason", r));
    lifecycle.stateReasonCode().ifPresent(r -> out.put("StateReasonCode", r));
    lifecycle.lastUpdateStatus().ifPresent(s -> out.put("LastUpdateStatus", s));
    if (lifecycle == Lifecycle.UPDATING) {
      out.put("LastUpdateStatusReason", "The function is being created.");
      out.put("LastUpdateStatusReasonCode", "Creating");
    } else if (lifecycle == Lifecycle.UPDATE_FAILED || lifecycle == Lifecycle.CREATE_FAILED) {
      v.failureReason().ifPresent(r -> out.put("LastUpdateStatusReason", r));
      out.put("LastUpdateStatusReasonCode", "InternalError");
    }
    out.put("PackageType", "Zip");
    out.put("Architectures", c.architectures());
    out.put("EphemeralStorage", Map.of("Size", c.ephemeralStorageMb()));
    out.put("SnapStart", Map.of("ApplyOn", "None", "OptimizationStatus", "Off"));
    Map<String, Object> logging = new LinkedHashMap<>();
    logging.put("LogFormat", c.logging().logFormat());
    c.logging().applicationLogLevel().ifPresent(l -> logging.put("ApplicationLogLevel", l));
    c.logging().systemLogLevel().ifPresent(l -> logging.put("SystemLogLevel", l));
    logging.put("LogGroup", c.logging().logGroup());
    out.put("LoggingConfig", logging);
    return out;
  }

  private static Optional<String> stateFailure(FunctionVersion v) {
    return v.lifecycle() == Lifecycle.CREATE_FAILED ? v.failureReason() : Optional.empty();
  }

  static Map<String, Object> alias(Scope scope, Alias alias) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("AliasArn", Arns.function(scope, alias.functionName(), alias.name()));
    out.put("Name", alias.name());
    out.put("FunctionVersion", alias.functionVersion());
    out.put("Description", alias.description());
    if (!alias.additionalVersionWeights().isEmpty()) {
      out.put(
          "RoutingConfig", Map.of("AdditionalVersionWeights", alias.additionalVersionWeights()));
    }
    out.put("RevisionId", alias.revisionId());
    return out;
  }

  static Map<String, Object> page(String key, List<?> items, Optional<String> nextMarker) {
    Map<String, Object> out = new LinkedHashMap<>();
    nextMarker.ifPresent(m -> out.put("NextMarker", m));
    out.put(key, items);
    return out;
  }
}
