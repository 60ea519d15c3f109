package dev.gust.registry;

import dev.gust.core.AwsException;
import dev.gust.core.Scope;
import dev.gust.core.Violations;
import dev.gust.store.Database;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs registry work in a database transaction against the tables of one scope, and holds the
 * lookups and errors every registry operation shares.
 */
final class Transactions {

  static final int DEFAULT_PAGE = 50;

  private final Database database;
  private final AtomicLong generation = new AtomicLong();

  Transactions(Database database) {
    this.database = database;
  }

  <T> T transaction(Scope scope, StoreWork<T> work) {
    try {
      return database.transaction(c -> work.run(new FunctionStore(c, scope)));
    } finally {
      generation.incrementAndGet();
    }
  }

  /**
   * Counts write transactions, each counted once it has ended: a value read after this returned
   * {@code g} is still current as long as the count is {@code g}.
   */
  long generation() {
    return generation.get();
  }

  <T> T read(Scope scope, StoreWork<T> work) {
    return database.read(c -> work.run(new FunctionStore(c, scope)));
  }

  /** Reads across every scope. */
  <T> T readAll(Database.Work<T> work) {
    return database.read(work);
  }

  /** Work against the registry's tables. */
  @FunctionalInterface
  interface StoreWork<T> {
    T run(FunctionStore store) throws SQLException;
  }

  /** The scope a reference lives in: the region of its ARN, if it has one, else the caller's. */
  static Scope in(Scope scope, FunctionRef ref) {
    return ref.region()
        .filter(Scope::isRegionName)
        .map(r -> new Scope(scope.account(), r))
        .orElse(scope);
  }

  static FunctionStore.Row require(FunctionStore store, String name) throws SQLException {
    return store
        .find(name)
        .orElseThrow(
            () ->
                LambdaErrors.NOT_FOUND.exception(
                    "Function not found: %s",
                    Arns.function(store.scope(), name, Optional.empty())));
  }

  static AwsException notFound(Scope scope, String name, String qualifier) {
    return LambdaErrors.NOT_FOUND.exception(
        "Function not found: %s", Arns.function(scope, name, qualifier));
  }

  static AwsException revisionMismatch() {
    return LambdaErrors.PRECONDITION_FAILED.exception(
        "The Revision Id provided does not match the latest Revision Id. Call the"
            + " GetFunction/GetAlias API to retrieve the latest Revision Id");
  }

  static int pageSize(Optional<Integer> maxItems) {
    Violations violations = new Violations();
    maxItems.ifPresent(m -> violations.range("maxItems", m, 1, 10_000));
    violations.throwIfAny();
    return maxItems.orElse(DEFAULT_PAGE);
  }
}
