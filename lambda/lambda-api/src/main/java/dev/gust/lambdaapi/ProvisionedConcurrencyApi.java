package dev.gust.lambdaapi;

import dev.gust.core.Scope;
import dev.gust.lambdaapi.LambdaInvokeModel.ProvisionedConcurrencyConfigListItem;
import dev.gust.lambdaapi.LambdaInvokeModel.ProvisionedConcurrencyConfigPage;
import dev.gust.lambdaapi.LambdaInvokeModel.ProvisionedConcurrencyConfigReply;
import dev.gust.lambdaapi.LambdaInvokeModel.ProvisionedConcurrencyConfigs;
import dev.gust.lambdaapi.LambdaInvokeModel.ProvisionedConcurrencyStatus;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.Page;
import dev.gust.registry.ProvisionedConcurrency;
import dev.gust.registry.ProvisionedConcurrencyRegistry;
import dev.gust.wire.Empty;
import dev.gust.wire.RequestContext;
import dev.gust.wire.Route;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The provisioned concurrency operations of the Lambda API ({@link
 * LambdaInvokeModel.ProvisionedConcurrencyConfigs}, under {@code
 * /2019-09-30/functions/{FunctionName}/provisioned-concurrency}), which {@link LambdaApi} serves
 * beside its own: the registry's configurations in and out.
 */
final class ProvisionedConcurrencyApi {

  /**
   * The format of a configuration's {@code LastModified}, such as {@code 2019-12-31T20:28:49+0000}:
   * unlike a function's, it has no milliseconds.
   */
  static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);

  private static final int MAX_FUNCTION_REFERENCE = 140;

  private final ProvisionedConcurrencyRegistry registry;

  ProvisionedConcurrencyApi(ProvisionedConcurrencyRegistry registry) {
    this.registry = registry;
  }

  List<Route> routes() {
    return LambdaInvokeModel.MODEL.routes(ProvisionedConcurrencyConfigs.class, this::serve);
  }

  private Object serve(ProvisionedConcurrencyConfigs command, RequestContext context) {
    Scope scope = context.scope();
    return switch (command) {
      case ProvisionedConcurrencyConfigs.PutProvisionedConcurrencyConfig put ->
          reply(
              registry.put(
                  scope,
                  ref(put.functionName(), put.qualifier()),
                  put.provisionedConcurrentExecutions()));
      case ProvisionedConcurrencyConfigs.GetProvisionedConcurrencyConfig get ->
          reply(
              registry
                  .get(scope, ref(get.functionName(), get.qualifier()))
                  .orElseThrow(
                      () ->
                          LambdaErrors.PROVISIONED_NOT_FOUND.exception(
                              "No Provisioned Concurrency Config found for this function")));
      case ProvisionedConcurrencyConfigs.DeleteProvisionedConcurrencyConfig delete -> {
        registry.delete(scope, ref(delete.functionName(), delete.qualifier()));
        yield Empty.INSTANCE;
      }
      case ProvisionedConcurrencyConfigs.ListProvisionedConcurrencyConfigs list -> {
        Page<ProvisionedConcurrency> page =
            registry.list(scope, list.functionName(), list.marker(), optionalInt(list.maxItems()));
        yield new ProvisionedConcurrencyConfigPage(
            page.nextMarker(),
            Optional.of(page.items().stream().map(ProvisionedConcurrencyApi::listItem).toList()));
      }
    };
  }

  /** The function and the qualifier the operation requires, merged and checked. */
  private static FunctionRef ref(String functionName, String qualifier) {
    return FunctionRef.parse(functionName, Optional.of(qualifier), MAX_FUNCTION_REFERENCE);
  }

  /** The {@code MaxItems} of a list call, as the registries take it. */
  static OptionalInt optionalInt(Optional<Integer> value) {
    return value.map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  private static ProvisionedConcurrencyConfigReply reply(ProvisionedConcurrency c) {
    return new ProvisionedConcurrencyConfigReply(
        c.requested(),
        c.available(),
        c.allocated(),
        status(c.status()),
        c.statusReason(),
        LAST_MODIFIED.format(c.lastModified()));
  }

  private static ProvisionedConcurrencyConfigListItem listItem(ProvisionedConcurrency c) {
    return new ProvisionedConcurrencyConfigListItem(
        c.functionArn(),
        c.requested(),
        c.available(),
        c.allocated(),
        status(c.status()),
        c.statusReason(),
        LAST_MODIFIED.format(c.lastModified()));
  }

  private static ProvisionedConcurrencyStatus status(ProvisionedConcurrency.Status status) {
    return switch (status) {
      case IN_PROGRESS -> ProvisionedConcurrencyStatus.IN_PROGRESS;
      case READY -> ProvisionedConcurrencyStatus.READY;
      case FAILED -> ProvisionedConcurrencyStatus.FAILED;
    };
  }
}
