package dev.gust.store;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The backends the store contract suite runs every store's tests against: SQLite today, PostgreSQL
 * when cluster mode brings it. A store's test takes a {@link Backend} as its parameter ({@link
 * StoreTest}) and opens its database under its own temporary directory, so that every backend runs
 * the same test from an empty database.
 *
 * <p>It lives in the store module's test-jar rather than in {@code tests/testkit} because the
 * suite's first user is the store module itself ({@code DatabaseContractTest}), and modules the
 * testkit depends on ({@code platform/delivery}, through {@code platform/http}) have stores too.
 */
public final class Databases {

  /** The embedded backend: a SQLite file in the directory. */
  public static final Backend SQLITE =
      new Backend("sqlite", dir -> Database.sqlite(dir.resolve("gust.db")));

  private Databases() {}

  /**
   * One backend.
   *
   * @param opener opens the database kept under a directory; opening the same directory again
   *     reopens the same database, with what was committed before
   */
  public record Backend(String name, Function<Path, Database> opener) {

    /** Opens (creating if needed) the database of {@code directory}. */
    public Database open(Path directory) {
      return opener.apply(directory);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Every backend, for {@code @MethodSource}. */
  public static Stream<Backend> all() {
    return Stream.of(SQLITE);
  }
}
