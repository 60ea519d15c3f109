package dev.gust.registry;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A function version found through a reference, and the alias that led to it, if any. The alias
 * decides the ARN reported back; its weights decide which version an invocation runs.
 */
public record Resolved(FunctionVersion version, Optional<Alias> alias) {

  /**
   * What {@code ref} names; raises Lambda's not-found error when the function or version is
   * missing.
   */
  static Resolved in(FunctionStore store, FunctionRef ref) throws SQLException {
    FunctionStore.Row row = Transactions.require(store, ref.name());
    return find(store, row, ref)
        .orElseThrow(
            () -> Transactions.notFound(store.scope(), ref.name(), ref.qualifier().orElseThrow()));
  }

  /**
   * The version a reference to the function of {@code row} names, with the alias that led to it;
   * empty when the version or alias does not exist.
   */
  static Optional<Resolved> find(FunctionStore store, FunctionStore.Row row, FunctionRef ref)
      throws SQLException {
    if (ref.qualifier().isEmpty() || ref.qualifier().get().equals(FunctionVersion.LATEST)) {
      return Optional.of(new Resolved(row.latest(), Optional.empty()));
    }
    String qualifier = ref.qualifier().get();
    if (qualifier.chars().allMatch(Character::isDigit)) {
      return store
          .version(ref.name(), Long.parseLong(qualifier))
          .map(version -> new Resolved(version, Optional.empty()));
    }
    Optional<Alias> alias = store.alias(ref.name(), qualifier);
    if (alias.isEmpty()) {
      return Optional.empty();
    }
    Optional<FunctionVersion> version =
        alias.get().functionVersion().equals(FunctionVersion.LATEST)
            ? Optional.of(row.latest())
            : store.version(ref.name(), Long.parseLong(alias.get().functionVersion()));
    return version.map(v -> new Resolved(v, alias));
  }
}
