package dev.gust.registry;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Lambda's rules for provisioned concurrency: what it may be put on, which configurations exclude
 * each other, and how it counts against reserved and account concurrency. The error types and
 * messages are AWS's.
 *
 * <p>Accounting: provisioned concurrency of a function with reserved concurrency comes out of that
 * reservation, so the function's configurations together may not exceed it; provisioned concurrency
 * of a function without reserved concurrency comes out of the account's unreserved pool, which must
 * keep {@link Limits#minimumUnreserved()} executions.
 */
final class ProvisionedRules {

  static final String UNPUBLISHED_PUT =
      "Provisioned Concurrency Configs cannot be applied to unpublished function versions.";
  static final String UNPUBLISHED =
      "The function resource provided must be an alias or a published version.";

  private ProvisionedRules() {}

  static boolean isVersion(String qualifier) {
    return !qualifier.isEmpty() && qualifier.chars().allMatch(Character::isDigit);
  }

  /** The reference's qualifier, unless it is missing or {@code $LATEST}, which fail as on AWS. */
  static String published(FunctionRef ref, String message) {
    return ref.qualifier()
        .filter(q -> !q.equals(FunctionVersion.LATEST))
        .orElseThrow(() -> LambdaErrors.INVALID_PARAMETER.exception(message));
  }

  /**
   * The version a qualifier of an existing function points to ({@code $LATEST} for an alias of the
   * unpublished version); fails with {@code ResourceNotFoundException} if the version or alias does
   * not exist.
   */
  static String target(FunctionStore store, String name, String qualifier) throws SQLException {
    if (isVersion(qualifier)) {
      if (store.version(name, Long.parseLong(qualifier)).isEmpty()) {
        throw Transactions.notFound(store.scope(), name, qualifier);
      }
      return qualifier;
    }
    return store
        .alias(name, qualifier)
        .map(Alias::functionVersion)
        .orElseThrow(
            () ->
                LambdaErrors.NOT_FOUND.exception(
                    "Cannot find alias arn: %s", Arns.function(store.scope(), name, qualifier)));
  }

  /**
   * Fails if the configuration about to be put on {@code qualifier} (pointing at {@code version})
   * would overlap another: an alias and the version it points to cannot both have one.
   */
  static void checkOverlap(FunctionStore store, String name, String qualifier, String version)
      throws SQLException {
    if (version.equals(FunctionVersion.LATEST)) {
      throw LambdaErrors.INVALID_PARAMETER.exception(UNPUBLISHED_PUT);
    }
    for (ProvisionedConcurrency other : store.provisioned().ofFunction(name)) {
      if (other.qualifier().equals(qualifier)) {
        continue;
      }
      if (isVersion(qualifier) && other.onAlias() && other.version().equals(qualifier)) {
        throw LambdaErrors.CONFLICT.exception(
            "Version is pointed by a Provisioned Concurrency alias");
      }
      if (!isVersion(qualifier) && !other.onAlias() && other.qualifier().equals(version)) {
        throw LambdaErrors.CONFLICT.exception(
            "Alias can't be used for Provisioned Concurrency configuration on an already"
                + " Provisioned version");
      }
    }
  }

  /** Fails if {@code requested} on {@code qualifier} does not fit the function's or account's. */
  static void checkLimits(
      FunctionStore store, Limits limits, FunctionStore.Row row, String qualifier, int requested)
      throws SQLException {
    String name = row.latest().functionName();
    if (row.reservedConcurrency().isPresent()) {
      long total = requested + totalExcept(store, name, Optional.of(qualifier));
      if (total > row.reservedConcurrency().getAsInt()) {
        throw LambdaErrors.INVALID_PARAMETER.exception(
            "Requested Provisioned Concurrency should not be greater than the"
                + " reservedConcurrentExecution for function");
      }
      return;
    }
    long unreserved =
        limits.accountConcurrency()
            - store.reservedConcurrencyTotal()
            - store.provisioned().requestedOutsideReserved(name, Optional.of(qualifier));
    if (requested > unreserved) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Specified ConcurrentExecutions for function is greater than account's unreserved"
              + " concurrency [%d].",
          unreserved);
    }
    if (unreserved - requested < limits.minimumUnreserved()) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Specified ConcurrentExecutions for function decreases account's"
              + " UnreservedConcurrentExecution below its minimum value of [%d].",
          limits.minimumUnreserved());
    }
  }

  /**
   * Fails if reserving {@code reserved} executions for a function would leave less than its
   * provisioned concurrency, or the account's unreserved pool below its minimum.
   */
  static void checkReserved(FunctionStore store, Limits limits, FunctionStore.Row row, int reserved)
      throws SQLException {
    String name = row.latest().functionName();
    long provisioned = totalExcept(store, name, Optional.empty());
    if (reserved < provisioned) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          " ReservedConcurrentExecutions  %d should not be lower than function's total"
              + " provisioned concurrency [%d].",
          reserved, provisioned);
    }
    long others =
        store.reservedConcurrencyTotal()
            - row.reservedConcurrency().orElse(0)
            + store.provisioned().requestedOutsideReserved(name, Optional.empty());
    if (limits.accountConcurrency() - others - reserved < limits.minimumUnreserved()) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "Specified ReservedConcurrentExecutions for function decreases account's"
              + " UnreservedConcurrentExecution below its minimum value of [%d].",
          limits.minimumUnreserved());
    }
  }

  /** The account's executions that neither a reservation nor provisioned concurrency holds. */
  static long unreserved(FunctionStore store, Limits limits) throws SQLException {
    return limits.accountConcurrency()
        - store.reservedConcurrencyTotal()
        - store.provisioned().requestedOutsideReserved("", Optional.empty());
  }

  private static long totalExcept(FunctionStore store, String name, Optional<String> qualifier)
      throws SQLException {
    return store.provisioned().ofFunction(name).stream()
        .filter(c -> qualifier.isEmpty() || !c.qualifier().equals(qualifier.get()))
        .mapToLong(ProvisionedConcurrency::requested)
        .sum();
  }
}
