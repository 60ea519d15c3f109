package dev.gust.registry;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code DeleteFunction}: deletes a function with everything that belongs to it, or one published
 * version of it, inside the caller's transaction. Configurations kept per version or alias
 * (provisioned concurrency, asynchronous invocation) go with what they configure.
 */
final class Deletion {

  private Deletion() {}

  /**
   * Deletes the function {@code ref} names, or with a numeric qualifier that published version;
   * records the provisioned concurrency configurations it deleted in {@code changes}.
   */
  static void delete(
      FunctionStore store, FunctionRef ref, List<ProvisionedConcurrency.Change> changes)
      throws SQLException {
    Transactions.require(store, ref.name());
    if (ref.qualifier().isEmpty()) {
      ProvisionedConcurrencyRegistry.forget(store, ref.name(), Optional.empty(), changes);
      EventInvokeConfigRegistry.forget(store, ref.name(), Optional.empty());
      store.delete(ref.name());
      return;
    }
    String qualifier = ref.qualifier().get();
    if (qualifier.equals(FunctionVersion.LATEST)) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "$LATEST version cannot be deleted without deleting the function.");
    }
    if (!qualifier.chars().allMatch(Character::isDigit)) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Deletion of aliases is not supported with DeleteFunction; use DeleteAlias.");
    }
    long version = Long.parseLong(qualifier);
    if (store.version(ref.name(), version).isEmpty()) {
      throw Transactions.notFound(store.scope(), ref.name(), qualifier);
    }
    List<String> users =
        store.aliases(ref.name()).stream()
            .filter(
                a ->
                    a.functionVersion().equals(qualifier)
                        || a.additionalVersionWeights().containsKey(qualifier))
            .map(Alias::name)
            .toList();
    if (!users.isEmpty()) {
      throw LambdaErrors.CONFLICT.exception(
          "Unable to delete version because the following aliases reference it: %s", users);
    }
    ProvisionedConcurrencyRegistry.forget(store, ref.name(), Optional.of(qualifier), changes);
    EventInvokeConfigRegistry.forget(store, ref.name(), Optional.of(qualifier));
    store.deleteVersion(ref.name(), version);
  }
}
