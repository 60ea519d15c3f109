package dev.gust.lambdaapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gust.registry.ConfigChanges;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON request bodies of the Lambda management API, member for member as the API model names
 * them. Members a request leaves out are {@code null} here; {@link LambdaApi} turns these into
 * typed requests before anything else sees them.
 */
final class WireInput {

  private WireInput() {}

  record Code(
      byte[] zipFile, String s3Bucket, String s3Key, String s3ObjectVersion, String imageUri) {}

  record Environment(Map<String, String> variables) {}

  record TracingConfig(String mode) {}

  record DeadLetterConfig(String targetArn) {}

  record EphemeralStorage(Integer size) {}

  record LoggingConfig(
      String logFormat, String logGroup, String applicationLogLevel, String systemLogLevel) {}

  record VpcConfig(List<String> subnetIds, List<String> securityGroupIds) {}

  record SnapStart(String applyOn) {}

  record FunctionSettings(
      String functionName,
      String runtime,
      String role,
      String handler,
      Code code,
      String description,
      Integer timeout,
      Integer memorySize,
      Boolean publish,
      VpcConfig vpcConfig,
      String packageType,
      DeadLetterConfig deadLetterConfig,
      Environment environment,
      @JsonProperty("KMSKeyArn") String kmsKeyArn,
      TracingConfig tracingConfig,
      Map<String, String> tags,
      List<String> layers,
      List<Object> fileSystemConfigs,
      Object imageConfig,
      String codeSigningConfigArn,
      List<String> architectures,
      EphemeralStorage ephemeralStorage,
      SnapStart snapStart,
      LoggingConfig loggingConfig,
      String revisionId) {

    /** The settings given, with the ones Gust cannot honour listed by name. */
    ConfigChanges changes() {
      List<String> unsupported = new java.util.ArrayList<>();
      if (vpcConfig != null
          && (nonEmpty(vpcConfig.subnetIds()) || nonEmpty(vpcConfig.securityGroupIds()))) {
        unsupported.add("VpcConfig");
      }
      if (nonEmpty(layers)) {
        unsupported.add("Layers");
      }
      if (nonEmpty(fileSystemConfigs)) {
        unsupported.add("FileSystemConfigs");
      }
      if (imageConfig != null) {
        unsupported.add("ImageConfig");
      }
      if (codeSigningConfigArn != null) {
        unsupported.add("CodeSigningConfigArn");
      }
      if (snapStart != null && "PublishedVersions".equals(snapStart.applyOn())) {
        unsupported.add("SnapStart");
      }
      return new ConfigChanges(
          Optional.ofNullable(runtime),
          Optional.ofNullable(role),
          Optional.ofNullable(handler),
          Optional.ofNullable(description),
          Optional.ofNullable(timeout),
          Optional.ofNullable(memorySize),
          Optional.ofNullable(ephemeralStorage).map(EphemeralStorage::size),
          Optional.ofNullable(environment)
              .map(e -> e.variables() == null ? Map.<String, String>of() : e.variables()),
          Optional.ofNullable(architectures),
          Optional.ofNullable(tracingConfig).map(TracingConfig::mode),
          Optional.ofNullable(deadLetterConfig)
              .map(d -> d.targetArn() == null ? "" : d.targetArn()),
          Optional.ofNullable(kmsKeyArn),
          Optional.ofNullable(loggingConfig)
              .map(
                  l ->
                      new ConfigChanges.Logging(
                          Optional.ofNullable(l.logFormat()),
                          Optional.ofNullable(l.logGroup()),
                          Optional.ofNullable(l.applicationLogLevel()),
                          Optional.ofNullable(l.systemLogLevel()))),
          unsupported);
    }

    private static boolean nonEmpty(List<?> list) {
      return list != null && !list.isEmpty();
    }
  }

  record UpdateCode(
      byte[] zipFile,
      String s3Bucket,
      String s3Key,
      String s3ObjectVersion,
      String imageUri,
      Boolean publish,
      Boolean dryRun,
      String revisionId,
      List<String> architectures) {}

  record Publish(String codeSha256, String description, String revisionId) {}

  record RoutingConfig(Map<String, Double> additionalVersionWeights) {}

  record AliasSettings(
      String name,
      String functionVersion,
      String description,
      RoutingConfig routingConfig,
      String revisionId) {}

  record Concurrency(Integer reservedConcurrentExecutions) {}

  record TagSet(Map<String, String> tags) {}
}
