package dev.gust.lambdaapi;

import dev.gust.core.Violations;
import dev.gust.lambdaapi.FunctionConfigurationModel.AliasRoutingConfiguration;
import dev.gust.lambdaapi.FunctionConfigurationModel.DeadLetterConfig;
import dev.gust.lambdaapi.FunctionConfigurationModel.Environment;
import dev.gust.lambdaapi.FunctionConfigurationModel.EphemeralStorage;
import dev.gust.lambdaapi.FunctionConfigurationModel.LoggingConfig;
import dev.gust.lambdaapi.FunctionConfigurationModel.TracingConfig;
import dev.gust.wire.Member;
import dev.gust.wire.Operation;
import dev.gust.wire.ServiceModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda's management API on REST-JSON, declared once: each operation Gust serves as a command
 * record with its method, path and status, its members where they travel, and the constraints of
 * Lambda's API reference; replies are in {@link FunctionConfigurationModel}. The operations of
 * {@code Invoke}, provisioned concurrency and event invoke configs are declared beside it by their
 * own API; every other Lambda operation is {@link Command.Unsupported}, bound to its path in {@link
 * LambdaUnsupportedModel} so that a client hears which operation Gust does not serve.
 *
 * <p>The model checks a request's shape; the registry then checks what only it can (the runtime
 * identifiers it knows, a function name's 64 characters, environment variable keys and size, tag
 * rules, alias weights) with the same wording.
 */
final class LambdaModel {

  private LambdaModel() {}

  /** CreateFunction and UpdateFunctionCode accept a 50 MB zip, base64-encoded in JSON. */
  static final long MAX_CODE_REQUEST = 69_905_067L;

  /** A function name, partial ARN or ARN, with an optional qualifier. */
  static final String FUNCTION_NAME =
      "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
          + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

  /** The function reference of the read operations, whose names may also hold dots. */
  static final String NAMESPACED_FUNCTION_NAME =
      "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
          + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

  static final String QUALIFIER = "(|[a-zA-Z0-9$_-]+)";
  static final String ROLE = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
  static final String HANDLER = "[^\\s]+";
  static final String RESOURCE_ARN = "(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()";
  static final String LOG_GROUP = "[\\.\\-_/#A-Za-z0-9]+";
  static final String ALIAS = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";
  static final String VERSION = "(\\$LATEST|[0-9]+)";
  static final String MASTER_REGION = "ALL|[a-z]{2}(-gov)?-[a-z]+-\\d{1}";
  static final String S3_BUCKET = "[0-9A-Za-z\\.\\-_]*(?<!\\.)";
  static final int MAX_ITEMS = 10_000;

  static final ServiceModel<Command> MODEL =
      ServiceModel.builder("lambda", Command.class)
          .rest()
          .serializationError(
              LambdaErrors.INVALID_REQUEST_CONTENT,
              message -> "Could not parse request body into json: " + message)
          .validationError(Violations.VALIDATION)
          .unsupported(Command.Unsupported::new, LambdaUnsupportedModel.BINDINGS)
          .build();

  /** The instruction set architectures a function may run on. */
  enum Architecture {
    X86_64("x86_64"),
    ARM64("arm64");

    private final String wire;

    Architecture(String wire) {
      this.wire = wire;
    }

    @Override
    public String toString() {
      return wire;
    }
  }

  /** Where a function's deployment package comes from; Gust reads a {@code ZipFile} only. */
  record FunctionCode(
      Optional<byte[]> zipFile,
      @Member.Length(min = 3, max = 63) @Member.Pattern(S3_BUCKET) Optional<String> s3Bucket,
      @Member.Length(min = 1, max = 1024) Optional<String> s3Key,
      @Member.Length(min = 1, max = 1024) Optional<String> s3ObjectVersion,
      Optional<String> imageUri) {}

  record VpcConfig(
      @Member.Length(max = 16) List<String> subnetIds,
      @Member.Length(max = 5) List<String> securityGroupIds,
      Optional<Boolean> ipv6AllowedForDualStack) {}

  record FileSystemConfig(
      @Member.Length(max = 200) String arn, @Member.Length(max = 160) String localMountPath) {}

  record ImageConfig(
      @Member.Length(max = 1500) List<String> entryPoint,
      @Member.Length(max = 1500) List<String> command,
      @Member.Length(max = 1000) Optional<String> workingDirectory) {}

  record SnapStart(@Member.OneOf({"PublishedVersions", "None"}) Optional<String> applyOn) {}

  /** The settings CreateFunction and UpdateFunctionConfiguration share. */
  interface FunctionSettings {

    Optional<String> runtime();

    Optional<String> handler();

    Optional<String> description();

    Optional<Integer> timeout();

    Optional<Integer> memorySize();

    Optional<VpcConfig> vpcConfig();

    Optional<DeadLetterConfig> deadLetterConfig();

    Optional<Environment> environment();

    Optional<String> kmsKeyArn();

    Optional<TracingConfig> tracingConfig();

    List<String> layers();

    List<FileSystemConfig> fileSystemConfigs();

    Optional<ImageConfig> imageConfig();

    Optional<EphemeralStorage> ephemeralStorage();

    Optional<SnapStart> snapStart();

    Optional<LoggingConfig> loggingConfig();
  }

  /** Every management operation Gust serves, and {@link Unsupported} for the rest. */
  sealed interface Command {

    @Operation(
        http = "POST /2015-03-31/functions",
        status = 201,
        maxBody = LambdaModel.MAX_CODE_REQUEST)
    record CreateFunction(
        @Member.Length(min = 1, max = 140) @Member.Pattern(FUNCTION_NAME) String functionName,
        Optional<String> runtime,
        @Member.Pattern(ROLE) String role,
        @Member.Length(max = 128) @Member.Pattern(HANDLER) Optional<String> handler,
        FunctionCode code,
        @Member.Length(max = 256) Optional<String> description,
        @Member.Range(min = 1) Optional<Integer> timeout,
        @Member.Range(min = 128, max = 10_240) Optional<Integer> memorySize,
        Optional<Boolean> publish,
        Optional<VpcConfig> vpcConfig,
        @Member.OneOf({"Zip", "Image"}) Optional<String> packageType,
        Optional<DeadLetterConfig> deadLetterConfig,
        Optional<Environment> environment,
        @Member.Name("KMSKeyArn") @Member.Pattern(RESOURCE_ARN) Optional<String> kmsKeyArn,
        Optional<TracingConfig> tracingConfig,
        Map<String, String> tags,
        List<String> layers,
        @Member.Length(max = 1) List<FileSystemConfig> fileSystemConfigs,
        Optional<ImageConfig> imageConfig,
        @Member.Length(max = 200) Optional<String> codeSigningConfigArn,
        @Member.Length(min = 1, max = 1) Optional<List<Architecture>> architectures,
        Optional<EphemeralStorage> ephemeralStorage,
        Optional<SnapStart> snapStart,
        Optional<LoggingConfig> loggingConfig)
        implements Command, FunctionSettings {}

    @Operation(http = "GET /2015-03-31/functions/{FunctionName}")
    record GetFunction(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 170)
            @Member.Pattern(NAMESPACED_FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Qualifier")
            @Member.Length(min = 1, max = 128)
            @Member.Pattern(QUALIFIER)
            Optional<String> qualifier)
        implements Command {}

    @Operation(http = "GET /2015-03-31/functions/{FunctionName}/configuration")
    record GetFunctionConfiguration(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 170)
            @Member.Pattern(NAMESPACED_FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Qualifier")
            @Member.Length(min = 1, max = 128)
            @Member.Pattern(QUALIFIER)
            Optional<String> qualifier)
        implements Command {}

    @Operation(http = "GET /2015-03-31/functions")
    record ListFunctions(
        @Member.QueryString("MasterRegion") @Member.Pattern(MASTER_REGION)
            Optional<String> masterRegion,
        @Member.QueryString("FunctionVersion") @Member.OneOf("ALL")
            Optional<String> functionVersion,
        @Member.QueryString("Marker") Optional<String> marker,
        @Member.QueryString("MaxItems") @Member.Range(min = 1, max = MAX_ITEMS)
            Optional<Integer> maxItems)
        implements Command {}

    @Operation(http = "DELETE /2015-03-31/functions/{FunctionName}", status = 204)
    record DeleteFunction(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Qualifier")
            @Member.Length(min = 1, max = 128)
            @Member.Pattern(QUALIFIER)
            Optional<String> qualifier)
        implements Command {}

    @Operation(
        http = "PUT /2015-03-31/functions/{FunctionName}/code",
        maxBody = LambdaModel.MAX_CODE_REQUEST)
    record UpdateFunctionCode(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        Optional<byte[]> zipFile,
        @Member.Length(min = 3, max = 63) @Member.Pattern(S3_BUCKET) Optional<String> s3Bucket,
        @Member.Length(min = 1, max = 1024) Optional<String> s3Key,
        @Member.Length(min = 1, max = 1024) Optional<String> s3ObjectVersion,
        Optional<String> imageUri,
        Optional<Boolean> publish,
        Optional<Boolean> dryRun,
        Optional<String> revisionId,
        @Member.Length(min = 1, max = 1) Optional<List<Architecture>> architectures)
        implements Command {}

    @Operation(http = "PUT /2015-03-31/functions/{FunctionName}/configuration")
    record UpdateFunctionConfiguration(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.Pattern(ROLE) Optional<String> role,
        @Member.Length(max = 128) @Member.Pattern(HANDLER) Optional<String> handler,
        @Member.Length(max = 256) Optional<String> description,
        @Member.Range(min = 1) Optional<Integer> timeout,
        @Member.Range(min = 128, max = 10_240) Optional<Integer> memorySize,
        Optional<VpcConfig> vpcConfig,
        Optional<Environment> environment,
        Optional<String> runtime,
        Optional<DeadLetterConfig> deadLetterConfig,
        @Member.Name("KMSKeyArn") @Member.Pattern(RESOURCE_ARN) Optional<String> kmsKeyArn,
        Optional<TracingConfig> tracingConfig,
        Optional<String> revisionId,
        List<String> layers,
        @Member.Length(max = 1) List<FileSystemConfig> fileSystemConfigs,
        Optional<ImageConfig> imageConfig,
        Optional<EphemeralStorage> ephemeralStorage,
        Optional<SnapStart> snapStart,
        Optional<LoggingConfig> loggingConfig)
        implements Command, FunctionSettings {}

    @Operation(http = "POST /2015-03-31/functions/{FunctionName}/versions", status = 201)
    record PublishVersion(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        Optional<String> codeSha256,
        @Member.Length(max = 256) Optional<String> description,
        Optional<String> revisionId)
        implements Command {}

    @Operation(http = "GET /2015-03-31/functions/{FunctionName}/versions")
    record ListVersionsByFunction(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 170)
            @Member.Pattern(NAMESPACED_FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Marker") Optional<String> marker,
        @Member.QueryString("MaxItems") @Member.Range(min = 1, max = MAX_ITEMS)
            Optional<Integer> maxItems)
        implements Command {}

    @Operation(http = "POST /2015-03-31/functions/{FunctionName}/aliases", status = 201)
    record CreateAlias(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.Length(min = 1, max = 128) @Member.Pattern(ALIAS) String name,
        @Member.Length(min = 1, max = 1024) @Member.Pattern(VERSION) String functionVersion,
        @Member.Length(max = 256) Optional<String> description,
        Optional<AliasRoutingConfiguration> routingConfig)
        implements Command {}

    @Operation(http = "GET /2015-03-31/functions/{FunctionName}/aliases/{Name}")
    record GetAlias(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.Path("Name") @Member.Length(min = 1, max = 128) @Member.Pattern(ALIAS) String name)
        implements Command {}

    @Operation(http = "PUT /2015-03-31/functions/{FunctionName}/aliases/{Name}")
    record UpdateAlias(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.Path("Name") @Member.Length(min = 1, max = 128) @Member.Pattern(ALIAS) String name,
        @Member.Length(min = 1, max = 1024) @Member.Pattern(VERSION)
            Optional<String> functionVersion,
        @Member.Length(max = 256) Optional<String> description,
        Optional<AliasRoutingConfiguration> routingConfig,
        Optional<String> revisionId)
        implements Command {}

    @Operation(http = "DELETE /2015-03-31/functions/{FunctionName}/aliases/{Name}", status = 204)
    record DeleteAlias(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.Path("Name") @Member.Length(min = 1, max = 128) @Member.Pattern(ALIAS) String name)
        implements Command {}

    @Operation(http = "GET /2015-03-31/functions/{FunctionName}/aliases")
    record ListAliases(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.QueryString("FunctionVersion")
            @Member.Length(min = 1, max = 1024)
            @Member.Pattern(VERSION)
            Optional<String> functionVersion,
        @Member.QueryString("Marker") Optional<String> marker,
        @Member.QueryString("MaxItems") @Member.Range(min = 1, max = MAX_ITEMS)
            Optional<Integer> maxItems)
        implements Command {}

    @Operation(http = "PUT /2017-10-31/functions/{FunctionName}/concurrency")
    record PutFunctionConcurrency(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.Range(min = 0) Integer reservedConcurrentExecutions)
        implements Command {}

    @Operation(http = "GET /2019-09-30/functions/{FunctionName}/concurrency")
    record GetFunctionConcurrency(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName)
        implements Command {}

    @Operation(http = "DELETE /2017-10-31/functions/{FunctionName}/concurrency", status = 204)
    record DeleteFunctionConcurrency(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName)
        implements Command {}

    @Operation(http = "POST /2017-03-31/tags/{Resource}", status = 204)
    record TagResource(
        @Member.Path("Resource") @Member.Length(min = 1, max = 256) String resource,
        @Member.Required Map<String, String> tags)
        implements Command {}

    @Operation(http = "DELETE /2017-03-31/tags/{Resource}", status = 204)
    record UntagResource(
        @Member.Path("Resource") @Member.Length(min = 1, max = 256) String resource,
        @Member.QueryString("tagKeys") @Member.Required List<String> tagKeys)
        implements Command {}

    @Operation(http = "GET /2017-03-31/tags/{Resource}")
    record ListTags(@Member.Path("Resource") @Member.Length(min = 1, max = 256) String resource)
        implements Command {}

    @Operation(http = "GET /2016-08-19/account-settings")
    record GetAccountSettings() implements Command {}

    /** A Lambda operation Gust does not serve yet: {@link LambdaUnsupportedModel} lists them. */
    record Unsupported(String operation) implements Command {}
  }
}
