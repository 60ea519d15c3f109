package dev.gust.registry;

import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import dev.gust.store.BlobStore;
import dev.gust.store.Database;
import dev.gust.testkit.FakeClock;
import dev.gust.testkit.Zips;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A registry on a real SQLite file whose code preparation runs on the calling thread, so a function
 * is Active as soon as it is created or updated; reopening it on the same directory is a restart.
 */
final class RegistryFixture implements AutoCloseable {

  static final Scope SCOPE = Scope.defaultScope();

  final FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
  private final Path dir;
  private final UnaryOperator<Database> wrap;
  private Database database;
  Registry registry;

  RegistryFixture(Path dir, Limits limits) {
    this(dir, limits, UnaryOperator.identity());
  }

  /** A fixture whose registry sees the database through {@code wrap}, to observe its use. */
  RegistryFixture(Path dir, Limits limits, UnaryOperator<Database> wrap) {
    this.dir = dir;
    this.wrap = wrap;
    open(limits);
  }

  private void open(Limits limits) {
    database = wrap.apply(Database.sqlite(dir.resolve("gust.db")));
    registry =
        Registry.open(
            database,
            new BlobStore(dir.resolve("code")),
            clock,
            Runnable::run,
            limits,
            Ownership.everything());
  }

  /** Closes the database and opens the registry again on the same files. */
  void restart() {
    database.close();
    open(registry.limits());
  }

  /** Creates a function and publishes {@code versions} versions of it (1, 2, ...). */
  void function(String name, int versions) {
    ConfigChanges config =
        ConfigChanges.forCreate(
            "python3.13", "arn:aws:iam::000000000000:role/r", "handler.handler", Optional.empty());
    registry.create(
        SCOPE,
        new Registry.NewFunction(name, config, Optional.of(Zips.python("0")), Map.of(), false));
    for (int v = 1; v <= versions; v++) {
      registry.updateCode(
          SCOPE,
          name,
          Optional.of(Zips.python(Integer.toString(v))),
          Optional.empty(),
          Optional.empty(),
          true,
          false);
    }
  }

  Alias alias(String function, String alias, String version) {
    return registry.aliases().create(SCOPE, function, alias, version, Optional.empty(), Map.of());
  }

  static FunctionRef ref(String function, String qualifier) {
    return FunctionRef.parse(function, Optional.of(qualifier), 140);
  }

  ProvisionedConcurrency put(String function, String qualifier, int requested) {
    return registry.provisioned().put(SCOPE, ref(function, qualifier), requested);
  }

  @Override
  public void close() {
    database.close();
  }
}
