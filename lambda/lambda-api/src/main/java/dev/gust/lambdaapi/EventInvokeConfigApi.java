package dev.gust.lambdaapi;

import dev.gust.core.AwsException;
import dev.gust.core.Scope;
import dev.gust.lambdaapi.LambdaInvokeModel.Destination;
import dev.gust.lambdaapi.LambdaInvokeModel.DestinationConfig;
import dev.gust.lambdaapi.LambdaInvokeModel.EventInvokeConfigs;
import dev.gust.lambdaapi.LambdaInvokeModel.FunctionEventInvokeConfig;
import dev.gust.lambdaapi.LambdaInvokeModel.FunctionEventInvokeConfigPage;
import dev.gust.registry.Arns;
import dev.gust.registry.EventInvokeConfig;
import dev.gust.registry.EventInvokeConfigRegistry;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.FunctionVersion;
import dev.gust.registry.Page;
import dev.gust.registry.Registry;
import dev.gust.wire.Empty;
import dev.gust.wire.RequestContext;
import dev.gust.wire.Route;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The asynchronous invocation configuration operations of the Lambda API ({@link
 * LambdaInvokeModel.EventInvokeConfigs}, under {@code
 * /2019-09-25/functions/{FunctionName}/event-invoke-config}), which {@link LambdaApi} serves beside
 * its own: PUT puts, POST updates, GET gets, DELETE deletes, and {@code .../list} lists.
 */
final class EventInvokeConfigApi {

  private static final int MAX_FUNCTION_REFERENCE = 140;

  private final Registry functions;
  private final EventInvokeConfigRegistry registry;

  EventInvokeConfigApi(Registry functions) {
    this.functions = functions;
    this.registry = functions.eventInvokeConfigs();
  }

  List<Route> routes() {
    return LambdaInvokeModel.MODEL.routes(EventInvokeConfigs.class, this::serve);
  }

  private Object serve(EventInvokeConfigs command, RequestContext context) {
    Scope scope = context.scope();
    return switch (command) {
      case EventInvokeConfigs.PutFunctionEventInvokeConfig put ->
          config(
              registry.put(
                  scope,
                  ref(put.functionName(), put.qualifier()),
                  settings(
                      put.maximumRetryAttempts(),
                      put.maximumEventAgeInSeconds(),
                      put.destinationConfig())));
      case EventInvokeConfigs.UpdateFunctionEventInvokeConfig update ->
          config(
              registry.update(
                  scope,
                  ref(update.functionName(), update.qualifier()),
                  settings(
                      update.maximumRetryAttempts(),
                      update.maximumEventAgeInSeconds(),
                      update.destinationConfig())));
      case EventInvokeConfigs.GetFunctionEventInvokeConfig get -> {
        FunctionRef ref = ref(get.functionName(), get.qualifier());
        yield config(registry.get(scope, ref).orElseThrow(() -> noConfig(scope, ref)));
      }
      case EventInvokeConfigs.DeleteFunctionEventInvokeConfig delete -> {
        registry.delete(scope, ref(delete.functionName(), delete.qualifier()));
        yield Empty.INSTANCE;
      }
      case EventInvokeConfigs.ListFunctionEventInvokeConfigs list -> {
        Page<EventInvokeConfig> page =
            registry.list(
                scope,
                list.functionName(),
                list.marker(),
                ProvisionedConcurrencyApi.optionalInt(list.maxItems()));
        yield new FunctionEventInvokeConfigPage(
            page.nextMarker(),
            Optional.of(page.items().stream().map(EventInvokeConfigApi::config).toList()));
      }
    };
  }

  /** AWS's answer when a version or alias has no configuration. */
  private AwsException noConfig(Scope scope, FunctionRef ref) {
    return LambdaErrors.NOT_FOUND.exception(
        "The function %s doesn't have an EventInvokeConfig",
        Arns.function(
            functions.scopeOf(scope, ref),
            ref.name(),
            ref.qualifier().orElse(FunctionVersion.LATEST)));
  }

  private static FunctionRef ref(String functionName, Optional<String> qualifier) {
    return FunctionRef.parse(functionName, qualifier, MAX_FUNCTION_REFERENCE);
  }

  /** The settings a put or an update gives, as the registry takes them. */
  private static EventInvokeConfigRegistry.Settings settings(
      Optional<Integer> maximumRetryAttempts,
      Optional<Integer> maximumEventAgeInSeconds,
      Optional<DestinationConfig> destinationConfig) {
    return new EventInvokeConfigRegistry.Settings(
        ProvisionedConcurrencyApi.optionalInt(maximumRetryAttempts),
        ProvisionedConcurrencyApi.optionalInt(maximumEventAgeInSeconds),
        destinationConfig.map(
            d ->
                new EventInvokeConfigRegistry.Destinations(
                    d.onSuccess().flatMap(Destination::destination),
                    d.onFailure().flatMap(Destination::destination))));
  }

  /**
   * A {@code FunctionEventInvokeConfig}: {@code LastModified} in Unix seconds with milliseconds,
   * both destinations always present, empty when unset.
   */
  private static FunctionEventInvokeConfig config(EventInvokeConfig c) {
    return new FunctionEventInvokeConfig(
        BigDecimal.valueOf(c.lastModified().toEpochMilli(), 3),
        c.functionArn(),
        optional(c.maximumRetryAttempts()),
        optional(c.maximumEventAgeInSeconds()),
        new DestinationConfig(
            Optional.of(new Destination(c.onSuccess())),
            Optional.of(new Destination(c.onFailure()))));
  }

  private static Optional<Integer> optional(OptionalInt value) {
    return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
  }
}
