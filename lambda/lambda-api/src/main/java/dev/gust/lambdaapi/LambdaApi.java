package dev.gust.lambdaapi;

import dev.gust.core.Scope;
import dev.gust.lambdaapi.FunctionConfigurationModel.AliasConfiguration;
import dev.gust.lambdaapi.FunctionConfigurationModel.AliasRoutingConfiguration;
import dev.gust.lambdaapi.FunctionConfigurationModel.Concurrency;
import dev.gust.lambdaapi.FunctionConfigurationModel.Environment;
import dev.gust.lambdaapi.FunctionConfigurationModel.EphemeralStorage;
import dev.gust.lambdaapi.FunctionConfigurationModel.FunctionCodeLocation;
import dev.gust.lambdaapi.FunctionConfigurationModel.FunctionConfiguration;
import dev.gust.lambdaapi.FunctionConfigurationModel.GetAccountSettingsResponse;
import dev.gust.lambdaapi.FunctionConfigurationModel.GetFunctionResponse;
import dev.gust.lambdaapi.FunctionConfigurationModel.ListAliasesResponse;
import dev.gust.lambdaapi.FunctionConfigurationModel.ListFunctionsResponse;
import dev.gust.lambdaapi.FunctionConfigurationModel.ListTagsResponse;
import dev.gust.lambdaapi.FunctionConfigurationModel.ListVersionsByFunctionResponse;
import dev.gust.lambdaapi.FunctionConfigurationModel.TracingConfig;
import dev.gust.lambdaapi.LambdaModel.Command;
import dev.gust.lambdaapi.LambdaModel.FunctionSettings;
import dev.gust.registry.Alias;
import dev.gust.registry.ConfigChanges;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.FunctionVersion;
import dev.gust.registry.Page;
import dev.gust.registry.Registry;
import dev.gust.wire.CommonErrors;
import dev.gust.wire.Empty;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.RequestContext;
import dev.gust.wire.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The Lambda management API: {@link LambdaModel}'s commands served by the {@link Registry}, each
 * answered with a reply of {@link FunctionConfigurationModel}; the model decodes and validates the
 * requests and writes the replies and errors. Its {@link #routes} include those of the provisioned
 * concurrency and event invoke config operations, and the link GetFunction hands out for a
 * function's code.
 */
public final class LambdaApi {

  private final Registry registry;
  private final ProvisionedConcurrencyApi provisioned;
  private final EventInvokeConfigApi eventInvokeConfigs;

  public LambdaApi(Registry registry) {
    this.registry = registry;
    this.provisioned = new ProvisionedConcurrencyApi(registry.provisioned());
    this.eventInvokeConfigs = new EventInvokeConfigApi(registry);
  }

  /** The routes of the management API, plus the code download link GetFunction hands out. */
  public List<Route> routes() {
    return Stream.of(
            LambdaModel.MODEL.routes(this::handle),
            List.<Route>of(Route.Rest.of("GetCode", "GET", "/_gust/code/{Key}", this::code)),
            provisioned.routes(),
            eventInvokeConfigs.routes())
        .flatMap(List::stream)
        .toList();
  }

  Object handle(Command command, RequestContext context) {
    Scope scope = context.scope();
    return switch (command) {
      case Command.CreateFunction create -> {
        rejectImagesAndS3(
            create.packageType().filter("Image"::equals).isPresent(),
            create.code().imageUri(),
            create.code().s3Bucket());
        FunctionVersion created =
            registry.create(
                scope,
                new Registry.NewFunction(
                    create.functionName(),
                    changes(
                        create,
                        Optional.of(create.role()),
                        create.architectures(),
                        create.codeSigningConfigArn()),
                    create.code().zipFile(),
                    create.tags(),
                    create.publish().orElse(false)));
        yield FunctionConfiguration.of(
            target(scope, create.functionName()), created, Optional.empty());
      }
      case Command.GetFunction get -> {
        FunctionRef ref = registry.parseReference(get.functionName(), get.qualifier());
        Registry.Details details = registry.details(scope, ref);
        FunctionVersion version = details.resolved().version();
        yield new GetFunctionResponse(
            FunctionConfiguration.of(registry.scopeOf(scope, ref), version, ref.qualifier()),
            new FunctionCodeLocation(
                "S3", context.baseUrl() + "/_gust/code/" + version.code().blobKey()),
            details.tags(),
            boxed(details.reservedConcurrency()).map(n -> new Concurrency(Optional.of(n))));
      }
      case Command.GetFunctionConfiguration get -> {
        FunctionRef ref = registry.parseReference(get.functionName(), get.qualifier());
        yield FunctionConfiguration.of(
            registry.scopeOf(scope, ref), registry.resolve(scope, ref).version(), ref.qualifier());
      }
      case Command.ListFunctions list -> {
        Page<FunctionVersion> page =
            registry.list(
                scope, list.functionVersion().isPresent(), list.marker(), list.maxItems());
        yield new ListFunctionsResponse(
            page.nextMarker(),
            Optional.of(
                page.items().stream()
                    .map(
                        v ->
                            FunctionConfiguration.of(
                                scope,
                                v,
                                v.isLatest() ? Optional.empty() : Optional.of(v.version())))
                    .toList()));
      }
      case Command.UpdateFunctionCode update -> {
        rejectImagesAndS3(false, update.imageUri(), update.s3Bucket());
        Scope target = target(scope, update.functionName());
        yield FunctionConfiguration.of(
            target,
            registry.updateCode(
                scope,
                update.functionName(),
                update.zipFile(),
                update.architectures().map(LambdaApi::names),
                update.revisionId(),
                update.publish().orElse(false),
                update.dryRun().orElse(false)),
            Optional.empty());
      }
      case Command.UpdateFunctionConfiguration update -> {
        Scope target = target(scope, update.functionName());
        yield FunctionConfiguration.of(
            target,
            registry.updateConfiguration(
                scope,
                update.functionName(),
                changes(update, update.role(), Optional.empty(), Optional.empty()),
                update.revisionId()),
            Optional.empty());
      }
      case Command.DeleteFunction delete -> {
        registry.delete(scope, registry.parseReference(delete.functionName(), delete.qualifier()));
        yield Empty.INSTANCE;
      }
      case Command.PublishVersion publish -> {
        FunctionVersion version =
            registry.publish(
                scope,
                publish.functionName(),
                publish.codeSha256(),
                publish.description(),
                publish.revisionId());
        yield FunctionConfiguration.of(
            target(scope, publish.functionName()), version, Optional.of(version.version()));
      }
      case Command.ListVersionsByFunction list -> {
        Page<FunctionVersion> page =
            registry.listVersions(scope, list.functionName(), list.marker(), list.maxItems());
        Scope target = target(scope, list.functionName());
        yield new ListVersionsByFunctionResponse(
            page.nextMarker(),
            Optional.of(
                page.items().stream()
                    .map(v -> FunctionConfiguration.of(target, v, Optional.of(v.version())))
                    .toList()));
      }
      case Command.CreateAlias create -> {
        Scope target = target(scope, create.functionName());
        yield AliasConfiguration.of(
            target,
            registry
                .aliases()
                .create(
                    scope,
                    create.functionName(),
                    create.name(),
                    create.functionVersion(),
                    create.description(),
                    weights(create.routingConfig()).orElse(Map.of())));
      }
      case Command.GetAlias get ->
          AliasConfiguration.of(
              target(scope, get.functionName()),
              registry.aliases().get(scope, get.functionName(), get.name()));
      case Command.UpdateAlias update -> {
        Scope target = target(scope, update.functionName());
        yield AliasConfiguration.of(
            target,
            registry
                .aliases()
                .update(
                    scope,
                    update.functionName(),
                    update.name(),
                    update.functionVersion(),
                    update.description(),
                    weights(update.routingConfig()),
                    update.revisionId()));
      }
      case Command.DeleteAlias delete -> {
        registry.aliases().delete(scope, delete.functionName(), delete.name());
        yield Empty.INSTANCE;
      }
      case Command.ListAliases list -> {
        Page<Alias> page =
            registry
                .aliases()
                .list(
                    scope,
                    list.functionName(),
                    list.functionVersion(),
                    list.marker(),
                    list.maxItems());
        Scope target = target(scope, list.functionName());
        yield new ListAliasesResponse(
            page.nextMarker(),
            Optional.of(page.items().stream().map(a -> AliasConfiguration.of(target, a)).toList()));
      }
      case Command.PutFunctionConcurrency put ->
          new Concurrency(
              Optional.of(
                  registry.putConcurrency(
                      scope, put.functionName(), put.reservedConcurrentExecutions())));
      case Command.GetFunctionConcurrency get ->
          new Concurrency(boxed(registry.getConcurrency(scope, get.functionName())));
      case Command.DeleteFunctionConcurrency delete -> {
        registry.deleteConcurrency(scope, delete.functionName());
        yield Empty.INSTANCE;
      }
      case Command.TagResource tag -> {
        registry.tag(scope, tag.resource(), tag.tags());
        yield Empty.INSTANCE;
      }
      case Command.UntagResource untag -> {
        registry.untag(scope, untag.resource(), untag.tagKeys());
        yield Empty.INSTANCE;
      }
      case Command.ListTags list ->
          new ListTagsResponse(Optional.of(registry.listTags(scope, list.resource())));
      case Command.GetAccountSettings settings ->
          GetAccountSettingsResponse.of(registry.accountSettings(scope));
      case Command.Unsupported unsupported ->
          throw CommonErrors.UNKNOWN_OPERATION.exception(
              "Gust does not support the Lambda operation " + unsupported.operation() + " yet.");
    };
  }

  /**
   * The settings a CreateFunction or UpdateFunctionConfiguration gives, with the ones Gust cannot
   * honour listed by name.
   */
  private static ConfigChanges changes(
      FunctionSettings settings,
      Optional<String> role,
      Optional<List<LambdaModel.Architecture>> architectures,
      Optional<String> codeSigningConfigArn) {
    List<String> unsupported = new ArrayList<>();
    if (settings
        .vpcConfig()
        .filter(vpc -> !vpc.subnetIds().isEmpty() || !vpc.securityGroupIds().isEmpty())
        .isPresent()) {
      unsupported.add("VpcConfig");
    }
    if (!settings.layers().isEmpty()) {
      unsupported.add("Layers");
    }
    if (!settings.fileSystemConfigs().isEmpty()) {
      unsupported.add("FileSystemConfigs");
    }
    if (settings.imageConfig().isPresent()) {
      unsupported.add("ImageConfig");
    }
    if (codeSigningConfigArn.isPresent()) {
      unsupported.add("CodeSigningConfigArn");
    }
    if (settings
        .snapStart()
        .flatMap(LambdaModel.SnapStart::applyOn)
        .filter("PublishedVersions"::equals)
        .isPresent()) {
      unsupported.add("SnapStart");
    }
    return new ConfigChanges(
        settings.runtime(),
        role,
        settings.handler(),
        settings.description(),
        settings.timeout(),
        settings.memorySize(),
        settings.ephemeralStorage().map(EphemeralStorage::size),
        settings.environment().map(Environment::variables),
        architectures.map(LambdaApi::names),
        settings.tracingConfig().flatMap(TracingConfig::mode),
        settings.deadLetterConfig().map(dlq -> dlq.targetArn().orElse("")),
        settings.kmsKeyArn(),
        settings
            .loggingConfig()
            .map(
                logging ->
                    new ConfigChanges.Logging(
                        logging.logFormat(),
                        logging.logGroup(),
                        logging.applicationLogLevel(),
                        logging.systemLogLevel())),
        unsupported);
  }

  private static List<String> names(List<LambdaModel.Architecture> architectures) {
    return architectures.stream().map(LambdaModel.Architecture::toString).toList();
  }

  private static Optional<Map<String, Double>> weights(
      Optional<AliasRoutingConfiguration> routing) {
    return routing.map(AliasRoutingConfiguration::additionalVersionWeights);
  }

  private static void rejectImagesAndS3(
      boolean imagePackage, Optional<String> imageUri, Optional<String> s3Bucket) {
    if (imagePackage || imageUri.isPresent()) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Gust does not run container image functions yet (PackageType Image, Code.ImageUri);"
              + " deploy a .zip package with Code.ZipFile.");
    }
    if (s3Bucket.isPresent()) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Gust cannot read code from S3 (Code.S3Bucket); upload the .zip package with"
              + " Code.ZipFile.");
    }
  }

  /** The scope a function lives in: its ARN's region, if it names one, else the caller's. */
  private Scope target(Scope scope, String functionName) {
    return registry.scopeOf(scope, registry.parseReference(functionName, Optional.empty()));
  }

  private static Optional<Integer> boxed(OptionalInt value) {
    return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
  }

  private HttpResponse code(Route.Call call) {
    return registry
        .code(call.pathParam("Key"))
        .map(zip -> HttpResponse.of(200, "application/zip", zip))
        .orElseThrow(
            () -> LambdaErrors.NOT_FOUND.exception("No code with key %s", call.pathParam("Key")));
  }
}
