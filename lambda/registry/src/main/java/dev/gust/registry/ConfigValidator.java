package dev.gust.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.Arn;
import dev.gust.core.Violations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks function settings as Lambda does and applies them: model constraints first (reported
 * together as a {@code ValidationException}), then Lambda's semantic rules ({@code
 * InvalidParameterValueException}), then merges the changes over the current settings.
 */
final class ConfigValidator {

  static final Pattern ROLE =
      Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
  static final Pattern HANDLER = Pattern.compile("[^\\s]+");
  static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");
  static final Pattern KMS = Pattern.compile("(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()");
  static final Pattern LOG_GROUP = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");
  static final int MAX_MEMORY = 10_240;
  static final int MAX_TIMEOUT = 900;
  static final int MAX_ENVIRONMENT_BYTES = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  static final Set<String> RESERVED_ENVIRONMENT_KEYS =
      Set.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_ACCESS_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR");

  private ConfigValidator() {}

  /** The settings of a new function: the changes over Lambda's defaults. */
  static FunctionConfig forCreate(String functionName, ConfigChanges changes) {
    check(changes);
    if (changes.runtime().isEmpty() || changes.handler().isEmpty()) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Runtime and Handler are mandatory parameters for functions created with deployment"
              + " packages.");
    }
    FunctionConfig defaults =
        new FunctionConfig(
            "",
            "",
            "",
            "",
            FunctionConfig.DEFAULT_TIMEOUT,
            FunctionConfig.DEFAULT_MEMORY,
            FunctionConfig.DEFAULT_EPHEMERAL_STORAGE,
            Map.of(),
            List.of("x86_64"),
            "PassThrough",
            Optional.empty(),
            Optional.empty(),
            FunctionConfig.Logging.defaultFor(functionName));
    return apply(defaults, changes);
  }

  /** The settings after an update. */
  static FunctionConfig forUpdate(FunctionConfig current, ConfigChanges changes) {
    check(changes);
    return apply(current, changes);
  }

  static void checkArchitectures(Optional<List<String>> architectures) {
    Violations violations = new Violations();
    architectures.ifPresent(
        list -> {
          if (list.size() != 1) {
            violations.add(
                "architectures", list, "Member must have length less than or equal to 1");
          }
          for (String architecture : list) {
            violations.oneOf("architectures", architecture, List.of("x86_64", "arm64"));
          }
        });
    violations.throwIfAny();
    architectures.ifPresent(
        list -> {
          String host = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "x86_64";
          if (!list.contains(host)) {
            throw LambdaErrors.INVALID_PARAMETER.exception(
                "Architecture %s cannot run on this Gust host, which is %s.", list, host);
          }
        });
  }

  private static void check(ConfigChanges c) {
    Violations v = new Violations();
    c.role().ifPresent(role -> v.pattern("role", role, ROLE));
    c.handler()
        .ifPresent(
            handler -> {
              v.length("handler", handler, 0, 128);
              v.pattern("handler", handler, HANDLER);
            });
    c.description().ifPresent(d -> v.length("description", d, 0, 256));
    c.timeout().ifPresent(t -> v.range("timeout", t, 1, MAX_TIMEOUT));
    c.memorySize().ifPresent(m -> v.range("memorySize", m, 128, MAX_MEMORY));
    c.ephemeralStorage().ifPresent(e -> v.range("ephemeralStorage.size", e, 512, 10_240));
    c.runtime().ifPresent(r -> v.oneOf("runtime", r, Runtimes.all()));
    c.tracingMode()
        .ifPresent(m -> v.oneOf("tracingConfig.mode", m, List.of("Active", "PassThrough")));
    c.kmsKeyArn().ifPresent(k -> v.pattern("kMSKeyArn", k, KMS));
    c.deadLetterTargetArn().ifPresent(d -> v.pattern("deadLetterConfig.targetArn", d, KMS));
    c.logging()
        .ifPresent(
            l -> {
              l.logFormat()
                  .ifPresent(f -> v.oneOf("loggingConfig.logFormat", f, List.of("JSON", "Text")));
              l.logGroup()
                  .ifPresent(
                      g -> {
                        v.length("loggingConfig.logGroup", g, 1, 512);
                        v.pattern("loggingConfig.logGroup", g, LOG_GROUP);
                      });
              l.applicationLogLevel()
                  .ifPresent(
                      a ->
                          v.oneOf(
                              "loggingConfig.applicationLogLevel",
                              a,
                              List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")));
              l.systemLogLevel()
                  .ifPresent(
                      s ->
                          v.oneOf(
                              "loggingConfig.systemLogLevel", s, List.of("DEBUG", "INFO", "WARN")));
            });
    c.environment()
        .ifPresent(
            env -> env.keySet().forEach(key -> v.pattern("environment.variables", key, ENV_KEY)));
    v.throwIfAny();

    if (!c.unsupportedSettings().isEmpty()) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Gust does not support %s yet.", String.join(", ", c.unsupportedSettings()));
    }
    c.runtime().ifPresent(ConfigValidator::checkRuntime);
    c.deadLetterTargetArn().filter(t -> !t.isEmpty()).ifPresent(ConfigValidator::checkDeadLetter);
    c.environment().ifPresent(ConfigValidator::checkEnvironment);
    checkArchitectures(c.architectures());
    c.logging()
        .ifPresent(
            l -> {
              boolean levels =
                  l.applicationLogLevel().isPresent() || l.systemLogLevel().isPresent();
              if (levels && !l.logFormat().orElse("Text").equals("JSON")) {
                throw LambdaErrors.INVALID_PARAMETER.exception(
                    "Log levels can only be set when LogFormat is JSON.");
              }
            });
  }

  private static void checkRuntime(String runtime) {
    if (Runtimes.DEPRECATED.contains(runtime)) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "The runtime parameter of %s is no longer supported for creating or updating AWS Lambda"
              + " functions. We recommend you use the new runtime (%s) while creating or updating"
              + " functions.",
          runtime, Runtimes.recommendedFor(runtime));
    }
    if (Runtimes.NOT_RUN_BY_GUST.contains(runtime)) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "The runtime parameter of %s is not supported by Gust. Supported runtimes: %s",
          runtime, String.join(", ", Runtimes.SUPPORTED));
    }
  }

  /** A dead-letter target must be a standard SQS queue or SNS topic, as on AWS. */
  private static void checkDeadLetter(String target) {
    if (Arn.parse(target).filter(EventInvokeConfigRules::isQueueOrTopic).isEmpty()) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Invalid dead letter queue ARN: %s is not the ARN of an SQS queue or an SNS topic.",
          target);
    }
  }

  private static void checkEnvironment(Map<String, String> environment) {
    Set<String> reserved = new TreeSet<>(environment.keySet());
    reserved.retainAll(RESERVED_ENVIRONMENT_KEYS);
    if (!reserved.isEmpty()) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Lambda was unable to configure your environment variables because the environment"
              + " variables you have provided contains reserved keys that are currently not"
              + " supported for modification. Reserved keys used in this request: %s",
          String.join(", ", reserved));
    }
    String measured = asJson(environment);
    if (measured.getBytes(StandardCharsets.UTF_8).length > MAX_ENVIRONMENT_BYTES) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Lambda was unable to configure your environment variables because the environment"
              + " variables you have provided exceeded the 4KB limit. String measured: %s",
          measured.length() > 200 ? measured.substring(0, 200) + "..." : measured);
    }
  }

  /** The variables as Lambda measures them: a JSON object, keys and values as given. */
  private static String asJson(Map<String, String> environment) {
    try {
      return JSON.writeValueAsString(environment);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write environment variables as JSON", e);
    }
  }

  private static FunctionConfig apply(FunctionConfig current, ConfigChanges c) {
    FunctionConfig.Logging logging = current.logging();
    if (c.logging().isPresent()) {
      ConfigChanges.Logging l = c.logging().get();
      logging =
          new FunctionConfig.Logging(
              l.logFormat().orElse(logging.logFormat()),
              l.logGroup().orElse(logging.logGroup()),
              l.applicationLogLevel().or(logging::applicationLogLevel),
              l.systemLogLevel().or(logging::systemLogLevel));
    }
    return new FunctionConfig(
        c.runtime().orElse(current.runtime()),
        c.role().orElse(current.role()),
        c.handler().orElse(current.handler()),
        c.description().orElse(current.description()),
        c.timeout().orElse(current.timeoutSeconds()),
        c.memorySize().orElse(current.memorySizeMb()),
        c.ephemeralStorage().orElse(current.ephemeralStorageMb()),
        c.environment().orElse(current.environment()),
        c.architectures().orElse(current.architectures()),
        c.tracingMode().orElse(current.tracingMode()),
        c.deadLetterTargetArn()
            .filter(t -> !t.isEmpty())
            .or(
                () ->
                    c.deadLetterTargetArn().isPresent()
                        ? Optional.empty()
                        : current.deadLetterTargetArn()),
        c.kmsKeyArn()
            .filter(k -> !k.isEmpty())
            .or(() -> c.kmsKeyArn().isPresent() ? Optional.empty() : current.kmsKeyArn()),
        logging);
  }
}
