package dev.gust.registry;

import dev.gust.core.AwsException;
import dev.gust.core.RequestIds;
import dev.gust.core.Scope;
import dev.gust.store.BlobStore;
import dev.gust.store.Database;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The function registry: creates, changes, publishes and deletes functions, and resolves references
 * to the version that serves them.
 *
 * <p>Implementation notes. Every operation is one database transaction, so concurrent requests are
 * serialized and none is lost; {@code RevisionId} preconditions are checked inside that
 * transaction. Code is stored in the blob store, fsynced, before the transaction that references it
 * commits; unreferenced blobs are collected when the registry opens, never while requests may be in
 * flight. A create or update leaves {@code $LATEST} settling ({@link Lifecycle#CREATING} or {@link
 * Lifecycle#UPDATING}); a preparation task on {@code preparer} verifies the stored code and settles
 * it, and {@link #open} restarts preparation for functions a crash left unsettled.
 */
public final class Registry {

  private static final Logger LOG = Logger.getLogger(Registry.class.getName());
  private static final int DEFAULT_PAGE = 50;

  private final Database database;
  private final BlobStore blobs;
  private final InstantSource clock;
  private final Executor preparer;
  private final Limits limits;

  private Registry(
      Database database, BlobStore blobs, InstantSource clock, Executor preparer, Limits limits) {
    this.database = database;
    this.blobs = blobs;
    this.clock = clock;
    this.preparer = preparer;
    this.limits = limits;
  }

  /**
   * Opens the registry on a database and blob store: migrates the schema, collects unreferenced
   * code and resumes the preparation of functions that a crash left pending or updating.
   */
  public static Registry open(
      Database database, BlobStore blobs, InstantSource clock, Executor preparer, Limits limits) {
    database.migrate("registry", FunctionStore.MIGRATIONS);
    Registry registry = new Registry(database, blobs, clock, preparer, limits);
    blobs.retainOnly(database.read(FunctionStore::liveCodeKeys));
    for (FunctionStore.Unsettled unsettled : database.read(FunctionStore::unsettled)) {
      registry.schedulePreparation(unsettled.scope(), unsettled.latest());
    }
    return registry;
  }

  public Limits limits() {
    return limits;
  }

  // ---- functions ----------------------------------------------------------------------------

  /** A new function's request: name, settings, code, tags and whether to publish version 1. */
  public record NewFunction(
      String functionName,
      ConfigChanges config,
      Optional<byte[]> zipFile,
      Map<String, String> tags,
      boolean publish) {}

  public FunctionVersion create(Scope scope, NewFunction request) {
    FunctionRef ref = FunctionRef.parseUnqualified(request.functionName());
    Violations violations = new Violations();
    violations.required("role", request.config().role().orElse(null));
    violations.throwIfAny();
    FunctionConfig config = ConfigValidator.forCreate(ref.name(), request.config());
    Tags.check(request.tags());
    byte[] zip =
        request
            .zipFile()
            .orElseThrow(
                () ->
                    LambdaErrors.INVALID_PARAMETER.exception(
                        "Please provide a source for function code."));
    CodeArtifact code = store(zip);
    Scope target = in(scope, ref);
    FunctionVersion latest =
        new FunctionVersion(
            ref.name(),
            FunctionVersion.LATEST,
            config,
            code,
            clock.instant(),
            RequestIds.next(),
            Lifecycle.CREATING,
            Optional.empty());
    FunctionVersion created =
        transaction(
            target,
            store -> {
              if (store.find(ref.name()).isPresent()) {
                throw LambdaErrors.CONFLICT.exception("Function already exist: %s", ref.name());
              }
              FunctionStore.Row row =
                  new FunctionStore.Row(
                      latest, new TreeMap<>(request.tags()), OptionalInt.empty(), 0);
              store.insert(row);
              if (request.publish()) {
                publishIn(store, row, Optional.empty());
              }
              return latest;
            });
    schedulePreparation(target, created);
    return created;
  }

  /** The function or version a reference names; an alias resolves to its primary version. */
  public Resolved resolve(Scope scope, FunctionRef ref) {
    return read(in(scope, ref), store -> resolveIn(store, ref));
  }

  /** The function with its tags and reserved concurrency, as {@code GetFunction} reports it. */
  public record Details(
      Resolved resolved, Map<String, String> tags, OptionalInt reservedConcurrency) {}

  public Details details(Scope scope, FunctionRef ref) {
    return read(
        in(scope, ref),
        store -> {
          FunctionStore.Row row = require(store, ref.name());
          return new Details(resolveIn(store, ref), row.tags(), row.reservedConcurrency());
        });
  }

  public Page<FunctionVersion> list(
      Scope scope, boolean allVersions, Optional<String> marker, Optional<Integer> maxItems) {
    int limit = pageSize(maxItems);
    Cursor after = marker.map(Cursor::decode).orElse(Cursor.START);
    return read(
        scope,
        store -> {
          List<FunctionVersion> items = new ArrayList<>();
          String from = after.name();
          boolean inclusive = true;
          while (items.size() <= limit) {
            List<String> names = store.names(from, inclusive, limit + 1);
            if (names.isEmpty()) {
              break;
            }
            for (String name : names) {
              from = name;
              FunctionStore.Row row = require(store, name);
              if (after.isBefore(name, 0)) {
                items.add(row.latest());
              }
              if (allVersions) {
                for (FunctionVersion v : store.versions(name, 0, Integer.MAX_VALUE)) {
                  if (after.isBefore(name, Long.parseLong(v.version()))) {
                    items.add(v);
                  }
                }
              }
              if (items.size() > limit) {
                break;
              }
            }
            inclusive = false;
          }
          return page(items, limit);
        });
  }

  public FunctionVersion updateCode(
      Scope scope,
      String functionName,
      Optional<byte[]> zipFile,
      Optional<List<String>> architectures,
      Optional<String> revisionId,
      boolean publish,
      boolean dryRun) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    ConfigValidator.checkArchitectures(architectures);
    byte[] zip =
        zipFile.orElseThrow(
            () ->
                LambdaErrors.INVALID_PARAMETER.exception(
                    "Please provide a source for function code."));
    if (dryRun) {
      CodePackage.validate(zip);
      return read(in(scope, ref), store -> require(store, ref.name()).latest());
    }
    CodeArtifact code = store(zip);
    Scope target = in(scope, ref);
    FunctionVersion updated =
        transaction(
            target,
            store -> {
              FunctionStore.Row row = require(store, ref.name());
              FunctionVersion current = checkChangeable(target, row.latest(), revisionId);
              FunctionConfig config =
                  architectures
                      .map(a -> ConfigValidator.forUpdate(current.config(), withArchitectures(a)))
                      .orElse(current.config());
              FunctionVersion next = changed(current, config, code);
              FunctionStore.Row nextRow = row.withLatest(next);
              store.update(nextRow);
              if (publish) {
                publishIn(store, nextRow, Optional.empty());
              }
              return next;
            });
    schedulePreparation(target, updated);
    return updated;
  }

  public FunctionVersion updateConfiguration(
      Scope scope, String functionName, ConfigChanges changes, Optional<String> revisionId) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    Scope target = in(scope, ref);
    FunctionVersion updated =
        transaction(
            target,
            store -> {
              FunctionStore.Row row = require(store, ref.name());
              FunctionVersion current = checkChangeable(target, row.latest(), revisionId);
              FunctionConfig config = ConfigValidator.forUpdate(current.config(), changes);
              FunctionVersion next = changed(current, config, current.code());
              store.update(row.withLatest(next));
              return next;
            });
    schedulePreparation(target, updated);
    return updated;
  }

  /** Deletes the function, or with a qualifier one published version of it. */
  public void delete(Scope scope, FunctionRef ref) {
    transaction(
        in(scope, ref),
        store -> {
          FunctionStore.Row row = require(store, ref.name());
          if (ref.qualifier().isEmpty()) {
            store.delete(ref.name());
            return null;
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
            throw notFound(in(scope, ref), ref.name(), qualifier);
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
          store.deleteVersion(ref.name(), version);
          return row;
        });
  }

  // ---- versions -----------------------------------------------------------------------------

  public FunctionVersion publish(
      Scope scope,
      String functionName,
      Optional<String> codeSha256,
      Optional<String> description,
      Optional<String> revisionId) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    Scope target = in(scope, ref);
    return transaction(
        target,
        store -> {
          FunctionStore.Row row = require(store, ref.name());
          checkChangeable(target, row.latest(), revisionId);
          if (codeSha256.isPresent() && !codeSha256.get().equals(row.latest().code().sha256())) {
            throw LambdaErrors.INVALID_PARAMETER.exception(
                "CodeSha256 (%s) is different from current CodeSha256 in $LATEST (%s). Please try"
                    + " publishing again.",
                codeSha256.get(), row.latest().code().sha256());
          }
          return publishIn(store, row, description);
        });
  }

  public Page<FunctionVersion> listVersions(
      Scope scope, String functionName, Optional<String> marker, Optional<Integer> maxItems) {
    FunctionRef ref = FunctionRef.parse(functionName, Optional.empty(), 256);
    int limit = pageSize(maxItems);
    long after = marker.map(Registry::parseVersionMarker).orElse(-1L);
    return read(
        in(scope, ref),
        store -> {
          FunctionStore.Row row = require(store, ref.name());
          List<FunctionVersion> items = new ArrayList<>();
          if (after < 0) {
            items.add(row.latest());
          }
          items.addAll(store.versions(ref.name(), Math.max(after, 0), limit + 1));
          return page(items, limit);
        });
  }

  // ---- aliases ------------------------------------------------------------------------------

  public Alias createAlias(
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
    Scope target = in(scope, ref);
    return transaction(
        target,
        store -> {
          require(store, ref.name());
          if (store.alias(ref.name(), aliasName).isPresent()) {
            throw LambdaErrors.CONFLICT.exception(
                "Alias already exists: %s", Arns.function(target, ref.name(), aliasName));
          }
          Alias alias =
              new Alias(
                  ref.name(),
                  aliasName,
                  functionVersion,
                  description.orElse(""),
                  weights,
                  RequestIds.next());
          Aliases.checkTargets(store, target, alias);
          store.putAlias(alias);
          return alias;
        });
  }

  public Alias getAlias(Scope scope, String functionName, String aliasName) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    Aliases.checkName(aliasName);
    Scope target = in(scope, ref);
    return read(
        target,
        store -> {
          require(store, ref.name());
          return store
              .alias(ref.name(), aliasName)
              .orElseThrow(
                  () ->
                      LambdaErrors.NOT_FOUND.exception(
                          "Cannot find alias arn: %s",
                          Arns.function(target, ref.name(), aliasName)));
        });
  }

  public Alias updateAlias(
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
    Scope target = in(scope, ref);
    return transaction(
        target,
        store -> {
          require(store, ref.name());
          Alias current =
              store
                  .alias(ref.name(), aliasName)
                  .orElseThrow(
                      () ->
                          LambdaErrors.NOT_FOUND.exception(
                              "Alias not found: %s", Arns.function(target, ref.name(), aliasName)));
          if (revisionId.isPresent() && !revisionId.get().equals(current.revisionId())) {
            throw revisionMismatch();
          }
          Alias next =
              new Alias(
                  ref.name(),
                  aliasName,
                  functionVersion.orElse(current.functionVersion()),
                  description.orElse(current.description()),
                  weights.orElse(current.additionalVersionWeights()),
                  RequestIds.next());
          Aliases.checkTargets(store, target, next);
          store.putAlias(next);
          return next;
        });
  }

  /** Deletes an alias; deleting one that does not exist succeeds, as on AWS. */
  public void deleteAlias(Scope scope, String functionName, String aliasName) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    Aliases.checkName(aliasName);
    transaction(
        in(scope, ref),
        store -> {
          store.deleteAlias(ref.name(), aliasName);
          return null;
        });
  }

  public Page<Alias> listAliases(
      Scope scope,
      String functionName,
      Optional<String> functionVersion,
      Optional<String> marker,
      Optional<Integer> maxItems) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    functionVersion.ifPresent(Aliases::checkVersionShape);
    int limit = pageSize(maxItems);
    String after = marker.map(Cursor::decodeText).orElse("");
    return read(
        in(scope, ref),
        store -> {
          require(store, ref.name());
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

  // ---- concurrency, tags, account -----------------------------------------------------------

  public int putConcurrency(Scope scope, String functionName, Integer reserved) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    Violations violations = new Violations();
    violations.required("reservedConcurrentExecutions", reserved);
    violations.range("reservedConcurrentExecutions", reserved, 0, Integer.MAX_VALUE);
    violations.throwIfAny();
    return transaction(
        in(scope, ref),
        store -> {
          FunctionStore.Row row = require(store, ref.name());
          long others = store.reservedConcurrencyTotal() - row.reservedConcurrency().orElse(0);
          if (limits.accountConcurrency() - others - reserved < limits.minimumUnreserved()) {
            throw LambdaErrors.INVALID_PARAMETER.exception(
                "Specified ReservedConcurrentExecutions for function decreases account's"
                    + " UnreservedConcurrentExecution below its minimum value of [%d].",
                limits.minimumUnreserved());
          }
          store.update(
              new FunctionStore.Row(
                  row.latest(), row.tags(), OptionalInt.of(reserved), row.lastVersion()));
          return reserved;
        });
  }

  public OptionalInt getConcurrency(Scope scope, String functionName) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    return read(in(scope, ref), store -> require(store, ref.name()).reservedConcurrency());
  }

  public void deleteConcurrency(Scope scope, String functionName) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    transaction(
        in(scope, ref),
        store -> {
          FunctionStore.Row row = require(store, ref.name());
          store.update(
              new FunctionStore.Row(
                  row.latest(), row.tags(), OptionalInt.empty(), row.lastVersion()));
          return null;
        });
  }

  public Map<String, String> listTags(Scope scope, String resourceArn) {
    FunctionRef ref = Tags.functionOf(resourceArn);
    return read(in(scope, ref), store -> require(store, ref.name()).tags());
  }

  public void tag(Scope scope, String resourceArn, Map<String, String> tags) {
    FunctionRef ref = Tags.functionOf(resourceArn);
    Tags.check(tags);
    transaction(
        in(scope, ref),
        store -> {
          FunctionStore.Row row = require(store, ref.name());
          Map<String, String> merged = new TreeMap<>(row.tags());
          merged.putAll(tags);
          Tags.check(merged);
          store.update(
              new FunctionStore.Row(
                  row.latest(), merged, row.reservedConcurrency(), row.lastVersion()));
          return null;
        });
  }

  public void untag(Scope scope, String resourceArn, List<String> keys) {
    FunctionRef ref = Tags.functionOf(resourceArn);
    transaction(
        in(scope, ref),
        store -> {
          FunctionStore.Row row = require(store, ref.name());
          Map<String, String> remaining = new TreeMap<>(row.tags());
          keys.forEach(remaining::remove);
          store.update(
              new FunctionStore.Row(
                  row.latest(), remaining, row.reservedConcurrency(), row.lastVersion()));
          return null;
        });
  }

  public AccountSettings accountSettings(Scope scope) {
    return read(
        scope,
        store -> {
          long[] usage = store.usage();
          long reserved = store.reservedConcurrencyTotal();
          return new AccountSettings(
              Limits.TOTAL_CODE_SIZE,
              CodePackage.MAX_UNZIPPED,
              CodePackage.MAX_ZIPPED,
              limits.accountConcurrency(),
              (int) (limits.accountConcurrency() - reserved),
              usage[1],
              usage[0]);
        });
  }

  /** The stored deployment package with the given blob key. */
  public Optional<byte[]> code(String blobKey) {
    return blobKey.matches("[0-9a-f]{64}") ? blobs.get(blobKey) : Optional.empty();
  }

  // ---- internals ----------------------------------------------------------------------------

  private CodeArtifact store(byte[] zip) {
    long unzipped = CodePackage.validate(zip);
    String key = blobs.put(zip);
    byte[] digest = Arrays.copyOf(BlobStore.sha256(zip), 32);
    return new CodeArtifact(key, Base64.getEncoder().encodeToString(digest), zip.length, unzipped);
  }

  private static ConfigChanges withArchitectures(List<String> architectures) {
    ConfigChanges none = ConfigChanges.none();
    return new ConfigChanges(
        none.runtime(),
        none.role(),
        none.handler(),
        none.description(),
        none.timeout(),
        none.memorySize(),
        none.ephemeralStorage(),
        none.environment(),
        Optional.of(architectures),
        none.tracingMode(),
        none.deadLetterTargetArn(),
        none.kmsKeyArn(),
        none.logging(),
        List.of());
  }

  private FunctionVersion changed(
      FunctionVersion current, FunctionConfig config, CodeArtifact code) {
    return new FunctionVersion(
        current.functionName(),
        FunctionVersion.LATEST,
        config,
        code,
        clock.instant(),
        RequestIds.next(),
        current.lifecycle().moveTo(Lifecycle.UPDATING),
        Optional.empty());
  }

  private FunctionVersion checkChangeable(
      Scope scope, FunctionVersion latest, Optional<String> revisionId) {
    if (revisionId.isPresent() && !revisionId.get().equals(latest.revisionId())) {
      throw revisionMismatch();
    }
    if (latest.lifecycle() == Lifecycle.CREATING) {
      throw LambdaErrors.CONFLICT.exception(
          "The operation cannot be performed at this time. The function is currently in the"
              + " following state: Pending");
    }
    if (latest.lifecycle() == Lifecycle.UPDATING) {
      throw LambdaErrors.CONFLICT.exception(
          "The operation cannot be performed at this time. An update is in progress for resource:"
              + " %s",
          Arns.function(scope, latest.functionName(), Optional.empty()));
    }
    return latest;
  }

  private static AwsException revisionMismatch() {
    return LambdaErrors.PRECONDITION_FAILED.exception(
        "The Revision Id provided does not match the latest Revision Id. Call the"
            + " GetFunction/GetAlias API to retrieve the latest Revision Id");
  }

  /** Publishes $LATEST unless the newest published version already has its code and settings. */
  private FunctionVersion publishIn(
      FunctionStore store, FunctionStore.Row row, Optional<String> description)
      throws SQLException {
    FunctionVersion latest = row.latest();
    if (row.lastVersion() > 0) {
      Optional<FunctionVersion> newest = store.version(latest.functionName(), row.lastVersion());
      if (newest.isPresent() && sameContent(newest.get(), latest)) {
        return newest.get();
      }
    }
    long number = row.lastVersion() + 1;
    FunctionConfig config = latest.config();
    if (description.isPresent()) {
      Violations violations = new Violations();
      violations.length("description", description.get(), 0, 256);
      violations.throwIfAny();
      config = withDescription(config, description.get());
    }
    FunctionVersion version =
        new FunctionVersion(
            latest.functionName(),
            Long.toString(number),
            config,
            latest.code(),
            clock.instant(),
            RequestIds.next(),
            Lifecycle.ACTIVE,
            Optional.empty());
    store.insertVersion(version);
    store.update(new FunctionStore.Row(latest, row.tags(), row.reservedConcurrency(), number));
    return version;
  }

  private static boolean sameContent(FunctionVersion published, FunctionVersion latest) {
    return published.code().blobKey().equals(latest.code().blobKey())
        && withDescription(published.config(), "").equals(withDescription(latest.config(), ""));
  }

  private static FunctionConfig withDescription(FunctionConfig c, String description) {
    return new FunctionConfig(
        c.runtime(),
        c.role(),
        c.handler(),
        description,
        c.timeoutSeconds(),
        c.memorySizeMb(),
        c.ephemeralStorageMb(),
        c.environment(),
        c.architectures(),
        c.tracingMode(),
        c.deadLetterTargetArn(),
        c.kmsKeyArn(),
        c.logging());
  }

  private Resolved resolveIn(FunctionStore store, FunctionRef ref) throws SQLException {
    Scope scope = store.scope();
    FunctionStore.Row row = require(store, ref.name());
    if (ref.qualifier().isEmpty() || ref.qualifier().get().equals(FunctionVersion.LATEST)) {
      return new Resolved(row.latest(), Optional.empty());
    }
    String qualifier = ref.qualifier().get();
    if (qualifier.chars().allMatch(Character::isDigit)) {
      return new Resolved(
          store
              .version(ref.name(), Long.parseLong(qualifier))
              .orElseThrow(() -> notFound(scope, ref.name(), qualifier)),
          Optional.empty());
    }
    Alias alias =
        store
            .alias(ref.name(), qualifier)
            .orElseThrow(() -> notFound(scope, ref.name(), qualifier));
    FunctionVersion version =
        alias.functionVersion().equals(FunctionVersion.LATEST)
            ? row.latest()
            : store
                .version(ref.name(), Long.parseLong(alias.functionVersion()))
                .orElseThrow(() -> notFound(scope, ref.name(), qualifier));
    return new Resolved(version, Optional.of(alias));
  }

  private static FunctionStore.Row require(FunctionStore store, String name) throws SQLException {
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

  private void schedulePreparation(Scope scope, FunctionVersion latest) {
    if (!latest.lifecycle().settling()) {
      return;
    }
    try {
      preparer.execute(() -> prepare(scope, latest));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot schedule preparation of " + latest.functionName(), e);
    }
  }

  /** Verifies the stored code of a settling $LATEST and settles it, unless it changed since. */
  void prepare(Scope scope, FunctionVersion latest) {
    Optional<String> failure = verify(latest.code());
    transaction(
        scope,
        store -> {
          Optional<FunctionStore.Row> row = store.find(latest.functionName());
          if (row.isEmpty() || !row.get().latest().revisionId().equals(latest.revisionId())) {
            return null;
          }
          FunctionVersion current = row.get().latest();
          if (!current.lifecycle().settling()) {
            return null;
          }
          Lifecycle next =
              failure.isEmpty()
                  ? Lifecycle.ACTIVE
                  : current.lifecycle() == Lifecycle.CREATING
                      ? Lifecycle.CREATE_FAILED
                      : Lifecycle.UPDATE_FAILED;
          store.update(
              row.get().withLatest(current.with(current.lifecycle().moveTo(next), failure)));
          return null;
        });
  }

  private Optional<String> verify(CodeArtifact code) {
    Optional<byte[]> stored = blobs.get(code.blobKey());
    if (stored.isEmpty()) {
      return Optional.of("The function's deployment package is missing from the code store.");
    }
    if (!BlobStore.sha256Hex(stored.get()).equals(code.blobKey())) {
      return Optional.of("The function's deployment package is corrupt in the code store.");
    }
    return Optional.empty();
  }

  static Scope in(Scope scope, FunctionRef ref) {
    return ref.region()
        .filter(Scope::isRegionName)
        .map(r -> new Scope(scope.account(), r))
        .orElse(scope);
  }

  private static int pageSize(Optional<Integer> maxItems) {
    Violations violations = new Violations();
    maxItems.ifPresent(m -> violations.range("maxItems", m, 1, 10_000));
    violations.throwIfAny();
    return maxItems.orElse(DEFAULT_PAGE);
  }

  private static long parseVersionMarker(String marker) {
    try {
      return Long.parseLong(Cursor.decodeText(marker));
    } catch (NumberFormatException e) {
      throw LambdaErrors.INVALID_PARAMETER.exception("Invalid marker: %s", marker);
    }
  }

  private static Page<FunctionVersion> page(List<FunctionVersion> items, int limit) {
    if (items.size() <= limit) {
      return new Page<>(items, Optional.empty());
    }
    List<FunctionVersion> shown = items.subList(0, limit);
    FunctionVersion last = shown.getLast();
    long ordinal = last.isLatest() ? 0 : Long.parseLong(last.version());
    return new Page<>(shown, Optional.of(new Cursor(last.functionName(), ordinal).encode()));
  }

  private <T> T transaction(Scope scope, StoreWork<T> work) {
    return database.transaction(c -> work.run(new FunctionStore(c, scope)));
  }

  private <T> T read(Scope scope, StoreWork<T> work) {
    return database.read(c -> work.run(new FunctionStore(c, scope)));
  }

  @FunctionalInterface
  private interface StoreWork<T> {
    T run(FunctionStore store) throws SQLException;
  }
}
