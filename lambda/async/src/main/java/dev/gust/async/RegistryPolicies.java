package dev.gust.async;

import dev.gust.core.Scope;
import dev.gust.registry.EventInvokeConfig;
import dev.gust.registry.Registry;
import java.time.Duration;

/** Event policies as {@code PutFunctionEventInvokeConfig} stored them, with AWS's defaults. */
public final class RegistryPolicies implements EventPolicy.Source {

  private final Registry registry;

  public RegistryPolicies(Registry registry) {
    this.registry = registry;
  }

  @Override
  public EventPolicy find(Scope scope, String functionName, String qualifier) {
    return registry
        .eventInvokeConfigs()
        .find(scope, functionName, qualifier)
        .map(RegistryPolicies::of)
        .orElseGet(EventPolicy::defaults);
  }

  static EventPolicy of(EventInvokeConfig config) {
    EventPolicy defaults = EventPolicy.defaults();
    return new EventPolicy(
        config.maximumRetryAttempts().orElse(defaults.maximumRetryAttempts()),
        config.maximumEventAgeInSeconds().isPresent()
            ? Duration.ofSeconds(config.maximumEventAgeInSeconds().getAsInt())
            : defaults.maximumEventAge(),
        config.onSuccess(),
        config.onFailure());
  }
}
