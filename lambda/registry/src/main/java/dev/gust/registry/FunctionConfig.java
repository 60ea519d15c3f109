package dev.gust.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a function version that {@code CreateFunction} sets and {@code
 * UpdateFunctionConfiguration} changes. Validated on the way in; immutable.
 */
public record FunctionConfig(
    String runtime,
    String role,
    String handler,
    String description,
    int timeoutSeconds,
    int memorySizeMb,
    int ephemeralStorageMb,
    Map<String, String> environment,
    List<String> architectures,
    String tracingMode,
    Optional<String> deadLetterTargetArn,
    Optional<String> kmsKeyArn,
    Logging logging) {

  static final int DEFAULT_TIMEOUT = 3;
  static final int DEFAULT_MEMORY = 128;
  static final int DEFAULT_EPHEMERAL_STORAGE = 512;

  public FunctionConfig {
    environment = Map.copyOf(environment);
    architectures = List.copyOf(architectures);
  }

  /** The same settings with another description. */
  public FunctionConfig withDescription(String text) {
    return new FunctionConfig(
        runtime,
        role,
        handler,
        text,
        timeoutSeconds,
        memorySizeMb,
        ephemeralStorageMb,
        environment,
        architectures,
        tracingMode,
        deadLetterTargetArn,
        kmsKeyArn,
        logging);
  }

  /** Where and how a function's logs are written. */
  public record Logging(
      String logFormat,
      String logGroup,
      Optional<String> applicationLogLevel,
      Optional<String> systemLogLevel) {

    static Logging defaultFor(String functionName) {
      return new Logging("Text", "/aws/lambda/" + functionName, Optional.empty(), Optional.empty());
    }
  }
}
