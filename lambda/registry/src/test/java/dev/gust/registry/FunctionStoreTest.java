package dev.gust.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Scope;
import dev.gust.store.Database;
import dev.gust.store.Databases;
import dev.gust.store.StoreTest;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's tables on every backend (functions, versions, aliases, provisioned concurrency and
 * asynchronous invocation configurations), and the documents they hold as earlier versions wrote
 * them.
 */
class FunctionStoreTest {

  static final Scope SCOPE = Scope.defaultScope();
  static final Scope OTHER = new Scope("000000000000", "eu-west-1");
  static final String KEY = "ab".repeat(32);

  /** A version document exactly as this version and the ones before it wrote it. */
  static final String VERSION_1 =
      "{\"functionName\":\"fn\",\"version\":\"1\",\"config\":{\"runtime\":\"python3.13\","
          + "\"role\":\"arn:aws:iam::000000000000:role/r\",\"handler\":\"app.handler\","
          + "\"description\":\"d\",\"timeoutSeconds\":3,\"memorySizeMb\":128,"
          + "\"ephemeralStorageMb\":512,\"environment\":{\"A\":\"1\"},"
          + "\"architectures\":[\"x86_64\"],\"tracingMode\":\"PassThrough\","
          + "\"deadLetterTargetArn\":null,\"kmsKeyArn\":null,\"logging\":{\"logFormat\":\"Text\","
          + "\"logGroup\":\"/aws/lambda/fn\",\"applicationLogLevel\":null,"
          + "\"systemLogLevel\":null}},\"code\":{\"blobKey\":\""
          + KEY
          + "\",\"sha256\":\"q83=\",\"size\":10,\"unzippedSize\":20},"
          + "\"lastModified\":1767225600.123000000,\"revisionId\":\"rev-1\","
          + "\"lifecycle\":\"ACTIVE\",\"failureReason\":null,\"latest\":false}";

  static final String ALIAS =
      "{\"functionName\":\"fn\",\"name\":\"live\",\"functionVersion\":\"1\","
          + "\"description\":\"\",\"additionalVersionWeights\":{\"2\":0.25},"
          + "\"revisionId\":\"rev-a\"}";

  @TempDir Path dir;

  interface Work {
    void run(FunctionStore store) throws SQLException;
  }

  static void write(Database db, Scope scope, Work work) {
    db.transaction(
        c -> {
          work.run(new FunctionStore(c, scope));
          return null;
        });
  }

  private Database open(Databases.Backend backend) {
    Database db = backend.open(dir);
    db.migrate("registry", FunctionStore.MIGRATIONS);
    return db;
  }

  static FunctionVersion version(String name, String version, Lifecycle lifecycle) {
    return new FunctionVersion(
        name,
        version,
        new FunctionConfig(
            "python3.13",
            "arn:aws:iam::000000000000:role/r",
            "app.handler",
            "d",
            3,
            128,
            512,
            Map.of("A", "1"),
            List.of("x86_64"),
            "PassThrough",
            Optional.empty(),
            Optional.empty(),
            FunctionConfig.Logging.defaultFor(name)),
        new CodeArtifact(KEY, "q83=", 10, 20),
        Instant.parse("2026-01-01T00:00:00.123Z"),
        "rev-" + version,
        lifecycle,
        Optional.empty());
  }

  static FunctionStore.Row row(String name, OptionalInt reserved, long lastVersion) {
    return new FunctionStore.Row(
        version(name, FunctionVersion.LATEST, Lifecycle.ACTIVE),
        new TreeMap<>(Map.of("team", "a")),
        reserved,
        lastVersion);
  }

  static Alias alias(String version) {
    return new Alias("fn", "live", version, "", Map.of("2", 0.25), "rev-a");
  }

  static Optional<FunctionStore.Row> find(Database db, Scope scope, String name) {
    return db.read(c -> new FunctionStore(c, scope).find(name));
  }

  static List<String> names(Database db) {
    return db.read(c -> new FunctionStore(c, SCOPE).names("", true, 10));
  }

  static List<FunctionVersion> versions(Database db) {
    return db.read(c -> new FunctionStore(c, SCOPE).versions("fn", 0, 10));
  }

  static List<Alias> aliases(Database db) {
    return db.read(c -> new FunctionStore(c, SCOPE).aliases("fn"));
  }

  @StoreTest
  void functionsReadBackInNameOrderAndUpdateInPlace(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          SCOPE,
          s -> {
            s.insert(row("zeta", OptionalInt.empty(), 0));
            s.insert(row("alpha", OptionalInt.of(5), 0));
            s.update(row("alpha", OptionalInt.of(7), 3));
          });
      write(db, OTHER, s -> s.insert(row("elsewhere", OptionalInt.of(100), 0)));

      assertThat(names(db)).containsExactly("alpha", "zeta");
      assertThat(find(db, SCOPE, "alpha")).contains(row("alpha", OptionalInt.of(7), 3));
      assertThat(find(db, SCOPE, "zeta")).contains(row("zeta", OptionalInt.empty(), 0));
      assertThat(find(db, SCOPE, "elsewhere")).isEmpty();
      long reserved = db.read(c -> new FunctionStore(c, SCOPE).reservedConcurrencyTotal());
      assertThat(reserved).isEqualTo(7L);

      write(db, SCOPE, s -> s.delete("alpha"));
      assertThat(names(db)).containsExactly("zeta");
    }
  }

  @StoreTest
  void versionsReadBackInNumberOrderAndAliasesUpsert(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          SCOPE,
          s -> {
            s.insert(row("fn", OptionalInt.empty(), 2));
            s.insertVersion(version("fn", "2", Lifecycle.ACTIVE));
            s.insertVersion(version("fn", "1", Lifecycle.ACTIVE));
            s.putAlias(alias("1"));
            s.putAlias(alias("2"));
          });

      assertThat(versions(db)).extracting(FunctionVersion::version).containsExactly("1", "2");
      assertThat(versions(db).getFirst()).isEqualTo(version("fn", "1", Lifecycle.ACTIVE));
      assertThat(aliases(db)).containsExactly(alias("2"));
      assertThat(db.read(FunctionStore::liveCodeKeys)).containsExactly(KEY);

      write(db, SCOPE, s -> s.deleteVersion("fn", 1));
      write(db, SCOPE, s -> s.deleteAlias("fn", "live"));
      assertThat(versions(db)).extracting(FunctionVersion::version).containsExactly("2");
      assertThat(aliases(db)).isEmpty();
    }
  }

  @StoreTest
  void unsettledFunctionsOfEveryScopeAreFound(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(db, SCOPE, s -> s.insert(row("settled", OptionalInt.empty(), 0)));
      write(
          db,
          OTHER,
          s ->
              s.insert(
                  row("pending", OptionalInt.empty(), 0)
                      .withLatest(version("pending", FunctionVersion.LATEST, Lifecycle.CREATING))));

      assertThat(db.read(FunctionStore::unsettled))
          .extracting(u -> u.scope().region() + "/" + u.latest().functionName())
          .containsExactly("eu-west-1/pending");
    }
  }

  @StoreTest
  void documentsKeepTheFormatEarlierVersionsWrote(Databases.Backend backend) {
    try (Database db = open(backend)) {
      write(
          db,
          SCOPE,
          s -> {
            s.insertVersion(version("fn", "1", Lifecycle.ACTIVE));
            s.putAlias(alias("1"));
          });

      assertThat(column(db, "SELECT body FROM function_versions")).isEqualTo(VERSION_1);
      assertThat(column(db, "SELECT body FROM function_aliases")).isEqualTo(ALIAS);

      db.transaction(
          c -> {
            try (PreparedStatement s =
                c.prepareStatement("UPDATE function_versions SET body = ?")) {
              s.setString(1, VERSION_1.replace("\"latest\":false", "\"addedLater\":{\"x\":1}"));
              return s.executeUpdate();
            }
          });
      assertThat(versions(db)).containsExactly(version("fn", "1", Lifecycle.ACTIVE));
    }
  }

  @StoreTest
  void eventInvokeConfigsUpsertAndListInQualifierOrder(Databases.Backend backend) {
    try (Database db = open(backend)) {
      Instant now = Instant.parse("2026-01-01T00:00:00.123Z");
      write(
          db,
          SCOPE,
          s -> {
            EventInvokeConfigStore configs = s.eventInvokeConfigs();
            configs.put("fn", "live", config("live", 1, now));
            configs.put("fn", "$LATEST", config("$LATEST", 0, now));
            configs.put("fn", "live", config("live", 2, now));
          });

      List<EventInvokeConfig> listed =
          db.read(c -> new FunctionStore(c, SCOPE).eventInvokeConfigs().list("fn", "", 10));
      assertThat(listed).containsExactly(config("$LATEST", 0, now), config("live", 2, now));
    }
  }

  @StoreTest
  void provisionedConcurrencyUpsertsPerQualifier(Databases.Backend backend) {
    try (Database db = open(backend)) {
      Instant now = Instant.parse("2026-01-01T00:00:00.123Z");
      write(
          db,
          SCOPE,
          s -> {
            s.provisioned().put(provisioned("1", 5, now));
            s.provisioned().put(provisioned("2", 1, now));
            s.provisioned().put(provisioned("1", 9, now));
          });

      List<ProvisionedConcurrency> listed =
          db.read(c -> new FunctionStore(c, SCOPE).provisioned().ofFunction("fn"));
      assertThat(listed).containsExactly(provisioned("1", 9, now), provisioned("2", 1, now));
    }
  }

  private static EventInvokeConfig config(String qualifier, int retries, Instant at) {
    return new EventInvokeConfig(
        Arns.function(SCOPE, "fn", qualifier),
        OptionalInt.of(retries),
        OptionalInt.empty(),
        Optional.of("arn:aws:sqs:us-east-1:000000000000:q"),
        Optional.empty(),
        at);
  }

  private static ProvisionedConcurrency provisioned(String version, int requested, Instant at) {
    return new ProvisionedConcurrency(
        SCOPE,
        "fn",
        version,
        version,
        requested,
        0,
        0,
        ProvisionedConcurrency.Status.IN_PROGRESS,
        Optional.empty(),
        at);
  }

  static String column(Database db, String sql) {
    return db.read(
        c -> {
          List<String> values = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(sql);
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              values.add(r.getString(1));
            }
          }
          assertThat(values).hasSize(1);
          return values.getFirst();
        });
  }
}
