package dev.gust.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The function settings a request gives: all of them for {@code CreateFunction} (the absent ones
 * take Lambda's defaults), or the ones to change for {@code UpdateFunctionConfiguration}. Settings
 * Gust cannot honour yet (layers, VPC, file systems, image configuration, SnapStart) are carried so
 * that they are refused clearly rather than ignored.
 */
public record ConfigChanges(
    Optional<String> runtime,
    Optional<String> role,
    Optional<String> handler,
    Optional<String> description,
    Optional<Integer> timeout,
    Optional<Integer> memorySize,
    Optional<Integer> ephemeralStorage,
    Optional<Map<String, String>> environment,
    Optional<List<String>> architectures,
    Optional<String> tracingMode,
    Optional<String> deadLetterTargetArn,
    Optional<String> kmsKeyArn,
    Optional<Logging> logging,
    List<String> unsupportedSettings) {

  public ConfigChanges {
    unsupportedSettings = List.copyOf(unsupportedSettings);
  }

  /** The {@code LoggingConfig} members a request sets. */
  public record Logging(
      Optional<String> logFormat,
      Optional<String> logGroup,
      Optional<String> applicationLogLevel,
      Optional<String> systemLogLevel) {}

  /**
   * A {@code CreateFunction}'s settings: runtime, role, handler and a dead-letter target; the rest
   * take Lambda's defaults.
   */
  public static ConfigChanges forCreate(
      String runtime, String role, String handler, Optional<String> deadLetterTargetArn) {
    ConfigChanges none = none();
    return new ConfigChanges(
        Optional.of(runtime),
        Optional.of(role),
        Optional.of(handler),
        none.description,
        none.timeout,
        none.memorySize,
        none.ephemeralStorage,
        none.environment,
        none.architectures,
        none.tracingMode,
        deadLetterTargetArn,
        none.kmsKeyArn,
        none.logging,
        List.of());
  }

  /** Changes only the architectures. */
  static ConfigChanges architecturesOnly(List<String> architectures) {
    ConfigChanges none = none();
    return new ConfigChanges(
        none.runtime,
        none.role,
        none.handler,
        none.description,
        none.timeout,
        none.memorySize,
        none.ephemeralStorage,
        none.environment,
        Optional.of(architectures),
        none.tracingMode,
        none.deadLetterTargetArn,
        none.kmsKeyArn,
        none.logging,
        List.of());
  }

  static ConfigChanges none() {
    return new ConfigChanges(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }
}
