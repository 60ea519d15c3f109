package dev.gust.registry;

import dev.gust.core.RequestIds;
import dev.gust.core.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aliases of functions: create, read, repoint, delete and list them. Each operation is one
 * transaction; {@link Aliases} holds the rules an alias must satisfy.
 */
public final class AliasRegistry {

  private final Transactions tx;
  private final ProvisionedConcurrencyRegistry provisioned;

  AliasRegistry(Transactions tx, ProvisionedConcurrencyRegistry provisioned) {
    this.tx = tx;
    this.provisioned = provisioned;
  }

  public Alias create(
      Scope scope,
      String functionName,
      String aliasName,
      String functionVersion,
      Optional<String> description,
      Map<String, Double> weights) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    Aliases.checkName(aliasName);
    Aliases.checkVersionShape(functionVersion);
    Aliases.checkDescription(description);
    Scope target = Transactions.in(scope, ref);
    return tx.transaction(
        target,
        store -> {
          Transactions.require(store, ref.name());
          if (store.alias(ref.name(), aliasName).isPresent()) {
            throw LambdaErrors.CONFLICT.exception(
                "Alias already exists: %s", Arns.function(target, ref.name(), aliasName));
          }
          return save(
              store,
              target,
              ref.name(),
              aliasName,
              functionVersion,
              description.orElse(""),
              weights);
        });
  }

  public Alias get(Scope scope, String functionName, String aliasName) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    Aliases.checkName(aliasName);
    Scope target = Transactions.in(scope, ref);
    return tx.read(
        target,
        store -> {
          Transactions.require(store, ref.name());
          return store
              .alias(ref.name(), aliasName)
              .orElseThrow(
                  () ->
                      LambdaErrors.NOT_FOUND.exception(
                          "Cannot find alias arn: %s",
                          Arns.function(target, ref.name(), aliasName)));
        });
  }

  public Alias update(
      Scope scope,
      String functionName,
      String aliasName,
      Optional<String> functionVersion,
      Optional<String> description,
      Optional<Map<String, Double>> weights,
      Optional<String> revisionId) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    Aliases.checkName(aliasName);
    functionVersion.ifPresent(Aliases::checkVersionShape);
    Aliases.checkDescription(description);
    Scope target = Transactions.in(scope, ref);
    return provisioned.changing(
        target,
        (store, changes) -> {
          Transactions.require(store, ref.name());
          Alias current =
              store
                  .alias(ref.name(), aliasName)
                  .orElseThrow(
                      () ->
                          LambdaErrors.NOT_FOUND.exception(
                              "Alias not found: %s", Arns.function(target, ref.name(), aliasName)));
          if (revisionId.isPresent() && !revisionId.get().equals(current.revisionId())) {
            throw Transactions.revisionMismatch();
          }
          Alias saved =
              save(
                  store,
                  target,
                  ref.name(),
                  aliasName,
                  functionVersion.orElse(current.functionVersion()),
                  description.orElse(current.description()),
                  weights.orElse(current.additionalVersionWeights()));
          ProvisionedConcurrencyRegistry.aliasChanged(store, current, saved, changes);
          return saved;
        });
  }

  /**
   * Deletes an alias and its provisioned concurrency and asynchronous invocation configurations;
   * deleting one that does not exist succeeds, as on AWS.
   */
  public void delete(Scope scope, String functionName, String aliasName) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    Aliases.checkName(aliasName);
    provisioned.changing(
        Transactions.in(scope, ref),
        (store, changes) -> {
          ProvisionedConcurrencyRegistry.forget(store, ref.name(), Optional.of(aliasName), changes);
          EventInvokeConfigRegistry.forget(store, ref.name(), Optional.of(aliasName));
          store.deleteAlias(ref.name(), aliasName);
          return null;
        });
  }

  public Page<Alias> list(
      Scope scope,
      String functionName,
      Optional<String> functionVersion,
      Optional<String> marker,
      Optional<Integer> maxItems) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    functionVersion.ifPresent(Aliases::checkVersionShape);
    int limit = Transactions.pageSize(maxItems);
    String after = marker.map(Cursor::decodeText).orElse("");
    return tx.read(
        Transactions.in(scope, ref),
        store -> {
          Transactions.require(store, ref.name());
          List<Alias> items =
              store.aliases(ref.name()).stream()
                  .filter(a -> a.name().compareTo(after) > 0)
                  .filter(
                      a ->
                          functionVersion.isEmpty()
                              || a.functionVersion().equals(functionVersion.get())
                              || a.additionalVersionWeights().containsKey(functionVersion.get()))
                  .limit(limit + 1L)
                  .toList();
          boolean more = items.size() > limit;
          List<Alias> shown = more ? items.subList(0, limit) : items;
          return new Page<>(
              shown,
              more ? Optional.of(Cursor.encodeText(shown.getLast().name())) : Optional.empty());
        });
  }

  /** Stores the alias under a new revision, once its targets pass Lambda's rules. */
  private static Alias save(
      FunctionStore store,
      Scope scope,
      String functionName,
      String aliasName,
      String functionVersion,
      String description,
      Map<String, Double> weights)
      throws java.sql.SQLException {
    Alias alias =
        new Alias(
            functionName, aliasName, functionVersion, description, weights, RequestIds.next());
    Aliases.checkTargets(store, scope, alias);
    store.putAlias(alias);
    return alias;
  }
}
