package dev.gust.lambdaapi;

import dev.gust.wire.Member;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replies of Lambda's management API, led by {@link FunctionConfiguration}, and the settings
 * structures that requests and replies share (a function's environment, dead-letter queue, tracing,
 * logging and ephemeral storage, an alias's routing), with the constraints Lambda's API reference
 * gives them. Absent optionals are left out of a reply; list replies always carry their list, empty
 * or not, as Lambda does.
 */
final class FunctionConfigurationModel {

  private FunctionConfigurationModel() {}

  record Environment(Map<String, String> variables) {}

  record DeadLetterConfig(@Member.Pattern(LambdaModel.RESOURCE_ARN) Optional<String> targetArn) {}

  record TracingConfig(@Member.OneOf({"Active", "PassThrough"}) Optional<String> mode) {}

  record EphemeralStorage(@Member.Range(min = 512, max = 10_240) int size) {}

  record LoggingConfig(
      @Member.OneOf({"JSON", "Text"}) Optional<String> logFormat,
      @Member.OneOf({"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"})
          Optional<String> applicationLogLevel,
      @Member.OneOf({"DEBUG", "INFO", "WARN"}) Optional<String> systemLogLevel,
      @Member.Length(min = 1, max = 512) @Member.Pattern(LambdaModel.LOG_GROUP)
          Optional<String> logGroup) {}

  /** An alias's share of traffic for one additional version: version to weight. */
  record AliasRoutingConfiguration(Map<String, Double> additionalVersionWeights) {}

  record SnapStartResponse(String applyOn, String optimizationStatus) {}

  /** A function, version or alias as Lambda describes it. */
  record FunctionConfiguration(
      String functionName,
      String functionArn,
      String runtime,
      String role,
      String handler,
      long codeSize,
      String description,
      int timeout,
      int memorySize,
      String lastModified,
      String codeSha256,
      String version,
      Optional<Environment> environment,
      Optional<DeadLetterConfig> deadLetterConfig,
      @Member.Name("KMSKeyArn") Optional<String> kmsKeyArn,
      TracingConfig tracingConfig,
      String revisionId,
      String state,
      Optional<String> stateReason,
      Optional<String> stateReasonCode,
      Optional<String> lastUpdateStatus,
      Optional<String> lastUpdateStatusReason,
      Optional<String> lastUpdateStatusReasonCode,
      String packageType,
      List<String> architectures,
      EphemeralStorage ephemeralStorage,
      SnapStartResponse snapStart,
      LoggingConfig loggingConfig) {}

  /** Where GetFunction's caller downloads the deployment package. */
  record FunctionCodeLocation(String repositoryType, String location) {}

  record Concurrency(Optional<Integer> reservedConcurrentExecutions) {}

  record GetFunctionResponse(
      FunctionConfiguration configuration,
      FunctionCodeLocation code,
      Map<String, String> tags,
      Optional<Concurrency> concurrency) {}

  record ListFunctionsResponse(
      Optional<String> nextMarker, Optional<List<FunctionConfiguration>> functions) {}

  record ListVersionsByFunctionResponse(
      Optional<String> nextMarker, Optional<List<FunctionConfiguration>> versions) {}

  record AliasConfiguration(
      String aliasArn,
      String name,
      String functionVersion,
      String description,
      Optional<AliasRoutingConfiguration> routingConfig,
      String revisionId) {}

  record ListAliasesResponse(
      Optional<String> nextMarker, Optional<List<AliasConfiguration>> aliases) {}

  record ListTagsResponse(Optional<Map<String, String>> tags) {}

  record AccountLimit(
      long totalCodeSize,
      long codeSizeUnzipped,
      long codeSizeZipped,
      int concurrentExecutions,
      int unreservedConcurrentExecutions) {}

  record AccountUsage(long totalCodeSize, long functionCount) {}

  record GetAccountSettingsResponse(AccountLimit accountLimit, AccountUsage accountUsage) {}
}
