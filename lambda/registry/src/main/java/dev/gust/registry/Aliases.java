package dev.gust.registry;

import dev.gust.core.Scope;
import dev.gust.core.Violations;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Lambda's rules for aliases: names, target versions and weighted routing. */
final class Aliases {

  static final Pattern NAME = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]+)");
  static final Pattern VERSION = Pattern.compile("(\\$LATEST|[0-9]+)");

  private Aliases() {}

  static void checkName(String name) {
    Violations violations = new Violations();
    violations.required("name", name);
    violations.length("name", name, 1, 128);
    violations.pattern("name", name, NAME);
    violations.throwIfAny();
  }

  static void checkVersionShape(String version) {
    Violations violations = new Violations();
    violations.required("functionVersion", version);
    violations.length("functionVersion", version, 1, 1024);
    violations.pattern("functionVersion", version, VERSION);
    violations.throwIfAny();
  }

  static void checkDescription(Optional<String> description) {
    Violations violations = new Violations();
    description.ifPresent(d -> violations.length("description", d, 0, 256));
    violations.throwIfAny();
  }

  /** Checks that the alias's versions exist and that its routing is one Lambda accepts. */
  static void checkTargets(FunctionStore store, Scope scope, Alias alias) throws SQLException {
    Map<String, Double> weights = alias.additionalVersionWeights();
    Violations violations = new Violations();
    weights.forEach(
        (version, weight) -> {
          violations.pattern(
              "routingConfig.additionalVersionWeights.key", version, Pattern.compile("[0-9]+"));
          if (weight == null || weight < 0.0 || weight > 1.0) {
            violations.add(
                "routingConfig.additionalVersionWeights.value",
                weight,
                "Member must have value between 0.0 and 1.0");
          }
        });
    violations.throwIfAny();
    requireVersion(store, scope, alias.functionName(), alias.functionVersion());
    if (weights.isEmpty()) {
      return;
    }
    if (weights.size() > 1) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Number of items in AdditionalVersionWeights cannot be greater than 1");
    }
    if (alias.functionVersion().equals(FunctionVersion.LATEST)) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "$LATEST is not supported for an alias pointing to more than 1 version");
    }
    for (String version : weights.keySet()) {
      if (version.equals(alias.functionVersion())) {
        throw LambdaErrors.INVALID_PARAMETER.exception(
            "Invalid function version %s. Function version %s is already included in routing"
                + " configuration.",
            version, version);
      }
      requireVersion(store, scope, alias.functionName(), version);
    }
  }

  private static void requireVersion(FunctionStore store, Scope scope, String name, String version)
      throws SQLException {
    if (version.equals(FunctionVersion.LATEST)) {
      return;
    }
    if (store.version(name, Long.parseLong(version)).isEmpty()) {
      throw Transactions.notFound(scope, name, version);
    }
  }
}
