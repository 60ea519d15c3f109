package dev.gust.lambdaapi;

import dev.gust.core.Scope;
import dev.gust.registry.AccountSettings;
import dev.gust.registry.Alias;
import dev.gust.registry.Arns;
import dev.gust.registry.FunctionConfig;
import dev.gust.registry.FunctionVersion;
import dev.gust.registry.Lifecycle;
import dev.gust.wire.Member;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replies of Lambda's management API, led by {@link FunctionConfiguration}, and the settings
 * structures that requests and replies share (a function's environment, dead-letter queue, tracing,
 * logging and ephemeral storage, an alias's routing), with the constraints Lambda's API reference
 * gives them, and how the registry's values read as them. Absent optionals are left out of a reply;
 * list replies always carry their list, empty or not, as Lambda does.
 */
final class FunctionConfigurationModel {

  private FunctionConfigurationModel() {}

  /** Lambda's {@code LastModified} format, such as {@code 2024-05-01T12:00:00.000+0000}. */
  static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

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
      LoggingConfig loggingConfig) {

    /**
     * A function version as Lambda describes it.
     *
     * @param scope where the function lives, for its ARN
     * @param arnQualifier the qualifier the ARN carries: the one the client asked with, if any
     */
    static FunctionConfiguration of(
        Scope scope, FunctionVersion version, Optional<String> arnQualifier) {
      FunctionConfig config = version.config();
      Lifecycle lifecycle = version.lifecycle();
      Optional<String> updateReason = Optional.empty();
      Optional<String> updateReasonCode = Optional.empty();
      if (lifecycle == Lifecycle.UPDATING) {
        updateReason = Optional.of("The function is being created.");
        updateReasonCode = Optional.of("Creating");
      } else if (lifecycle == Lifecycle.UPDATE_FAILED || lifecycle == Lifecycle.CREATE_FAILED) {
        updateReason = version.failureReason();
        updateReasonCode = Optional.of("InternalError");
      }
      FunctionConfig.Logging logging = config.logging();
      return new FunctionConfiguration(
          version.functionName(),
          Arns.function(scope, version.functionName(), arnQualifier),
          config.runtime(),
          config.role(),
          config.handler(),
          version.code().size(),
          config.description(),
          config.timeoutSeconds(),
          config.memorySizeMb(),
          LAST_MODIFIED.format(version.lastModified()),
          version.code().sha256(),
          version.version(),
          config.environment().isEmpty()
              ? Optional.empty()
              : Optional.of(new Environment(config.environment())),
          config.deadLetterTargetArn().map(arn -> new DeadLetterConfig(Optional.of(arn))),
          config.kmsKeyArn(),
          new TracingConfig(Optional.of(config.tracingMode())),
          version.revisionId(),
          lifecycle.state(),
          lifecycle
              .stateReason()
              .or(
                  () ->
                      lifecycle == Lifecycle.CREATE_FAILED
                          ? version.failureReason()
                          : Optional.empty()),
          lifecycle.stateReasonCode(),
          lifecycle.lastUpdateStatus(),
          updateReason,
          updateReasonCode,
          "Zip",
          config.architectures(),
          new EphemeralStorage(config.ephemeralStorageMb()),
          new SnapStartResponse("None", "Off"),
          new LoggingConfig(
              Optional.of(logging.logFormat()),
              logging.applicationLogLevel(),
              logging.systemLogLevel(),
              Optional.of(logging.logGroup())));
    }
  }

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
      String revisionId) {

    static AliasConfiguration of(Scope scope, Alias alias) {
      return new AliasConfiguration(
          Arns.function(scope, alias.functionName(), alias.name()),
          alias.name(),
          alias.functionVersion(),
          alias.description(),
          alias.additionalVersionWeights().isEmpty()
              ? Optional.empty()
              : Optional.of(new AliasRoutingConfiguration(alias.additionalVersionWeights())),
          alias.revisionId());
    }
  }

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

  record GetAccountSettingsResponse(AccountLimit accountLimit, AccountUsage accountUsage) {

    static GetAccountSettingsResponse of(AccountSettings settings) {
      return new GetAccountSettingsResponse(
          new AccountLimit(
              settings.totalCodeSizeLimit(),
              settings.codeSizeUnzippedLimit(),
              settings.codeSizeZippedLimit(),
              settings.concurrentExecutions(),
              settings.unreservedConcurrentExecutions()),
          new AccountUsage(settings.totalCodeSizeUsed(), settings.functionCount()));
    }
  }
}
