package dev.gust.registry;

import dev.gust.core.Ownership;
import dev.gust.core.RequestIds;
import dev.gust.core.Scope;
import dev.gust.core.Violations;
import dev.gust.store.BlobStore;
import dev.gust.store.Database;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * The function registry: creates, changes, publishes and deletes functions, and resolves references
 * to the version that serves them.
 *
 * <p>Implementation notes. Every operation is one database transaction, so concurrent requests are
 * serialized and none is lost; {@code RevisionId} preconditions are checked inside that
 * transaction. Code is stored in the blob store, fsynced, before the transaction that references it
 * commits; unreferenced blobs are collected when the registry opens, never while requests may be in
 * flight. A create or update leaves {@code $LATEST} settling ({@link Lifecycle#CREATING} or {@link
 * Lifecycle#UPDATING}); {@link Preparation} verifies the stored code on the {@code preparer}
 * executor and settles it, and {@link #open} restarts preparation for functions a crash left
 * unsettled.
 */
public final class Registry {

  private final Transactions tx;
  private final AliasRegistry aliases;
  private final ProvisionedConcurrencyRegistry provisioned;
  private final EventInvokeConfigRegistry eventInvokeConfigs;
  private final BlobStore blobs;
  private final InstantSource clock;
  private final Preparation preparation;
  private final Limits limits;
  private final Targets targets;

  private Registry(
      Database database,
      BlobStore blobs,
      InstantSource clock,
      Executor preparer,
      Limits limits,
      Ownership ownership) {
    this.tx = new Transactions(database);
    this.provisioned = new ProvisionedConcurrencyRegistry(tx, clock, limits);
    this.aliases = new AliasRegistry(tx, provisioned);
    this.eventInvokeConfigs = new EventInvokeConfigRegistry(tx, ownership, clock);
    this.blobs = blobs;
    this.clock = clock;
    this.preparation = new Preparation(tx, blobs, preparer);
    this.limits = limits;
    this.targets = new Targets(tx, ownership, limits);
  }

  /**
   * Opens the registry on a database and blob store: migrates the schema, collects unreferenced
   * code and resumes the preparation of functions that a crash left pending or updating.
   *
   * @param ownership the functions whose targets and configurations this node may cache
   */
  public static Registry open(
      Database database,
      BlobStore blobs,
      InstantSource clock,
      Executor preparer,
      Limits limits,
      Ownership ownership) {
    database.migrate("registry", FunctionStore.MIGRATIONS);
    Registry registry = new Registry(database, blobs, clock, preparer, limits, ownership);
    blobs.retainOnly(database.read(FunctionStore::liveCodeKeys));
    for (FunctionStore.Unsettled unsettled : database.read(FunctionStore::unsettled)) {
      registry.preparation.schedule(unsettled.scope(), unsettled.latest());
    }
    return registry;
  }

  /** The function aliases: named, optionally weighted pointers to versions. */
  public AliasRegistry aliases() {
    return aliases;
  }

  /** Provisioned concurrency configurations of versions and aliases. */
  public ProvisionedConcurrencyRegistry provisioned() {
    return provisioned;
  }

  /** Asynchronous invocation configurations of functions, versions and aliases. */
  public EventInvokeConfigRegistry eventInvokeConfigs() {
    return eventInvokeConfigs;
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
    Scope target = Transactions.in(scope, ref);
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
        tx.transaction(
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
    preparation.schedule(target, created);
    return created;
  }

  /** The function or version a reference names; an alias resolves to its primary version. */
  public Resolved resolve(Scope scope, FunctionRef ref) {
    return tx.read(Transactions.in(scope, ref), store -> Resolved.in(store, ref));
  }

  /** The function with its tags and reserved concurrency, as {@code GetFunction} reports it. */
  public record Details(
      Resolved resolved, Map<String, String> tags, OptionalInt reservedConcurrency) {}

  public Details details(Scope scope, FunctionRef ref) {
    return tx.read(
        Transactions.in(scope, ref),
        store -> {
          FunctionStore.Row row = Transactions.require(store, ref.name());
          return new Details(Resolved.in(store, ref), row.tags(), row.reservedConcurrency());
        });
  }

  /**
   * What the invoke path finds for a reference, read at once and cached until the next write to the
   * registry.
   */
  public sealed interface Lookup {

    /**
     * What the reference resolves to, the function's reserved concurrency, and the size of the
     * account's unreserved pool.
     */
    record Found(Resolved resolved, OptionalInt reservedConcurrency, int unreservedPool)
        implements Lookup {}

    /**
     * The function, or the version or alias the reference names, does not exist.
     *
     * @param arn the ARN of what is missing: the function's, or the qualified one
     */
    record Missing(String arn) implements Lookup {}
  }

  /** Looks a reference up for an invocation; a missing function is a value, not an error. */
  public Lookup lookup(Scope scope, FunctionRef ref) {
    return targets.get(scope, ref);
  }

  public Page<FunctionVersion> list(
      Scope scope, boolean allVersions, Optional<String> marker, Optional<Integer> maxItems) {
    int limit = Transactions.pageSize(maxItems);
    Cursor after = marker.map(Cursor::decode).orElse(Cursor.START);
    return tx.read(
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
              FunctionStore.Row row = Transactions.require(store, name);
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
      return tx.read(
          Transactions.in(scope, ref), store -> Transactions.require(store, ref.name()).latest());
    }
    CodeArtifact code = store(zip);
    Scope target = Transactions.in(scope, ref);
    FunctionVersion updated =
        tx.transaction(
            target,
            store -> {
              FunctionStore.Row row = Transactions.require(store, ref.name());
              FunctionVersion current = checkChangeable(target, row.latest(), revisionId);
              FunctionConfig config =
                  architectures
                      .map(
                          a ->
                              ConfigValidator.forUpdate(
                                  current.config(), ConfigChanges.architecturesOnly(a)))
                      .orElse(current.config());
              FunctionVersion next = changed(current, config, code);
              FunctionStore.Row nextRow = row.withLatest(next);
              store.update(nextRow);
              if (publish) {
                publishIn(store, nextRow, Optional.empty());
              }
              return next;
            });
    preparation.schedule(target, updated);
    return updated;
  }

  public FunctionVersion updateConfiguration(
      Scope scope, String functionName, ConfigChanges changes, Optional<String> revisionId) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    Scope target = Transactions.in(scope, ref);
    FunctionVersion updated =
        tx.transaction(
            target,
            store -> {
              FunctionStore.Row row = Transactions.require(store, ref.name());
              FunctionVersion current = checkChangeable(target, row.latest(), revisionId);
              FunctionConfig config = ConfigValidator.forUpdate(current.config(), changes);
              FunctionVersion next = changed(current, config, current.code());
              store.update(row.withLatest(next));
              return next;
            });
    preparation.schedule(target, updated);
    return updated;
  }

  /**
   * Deletes the function, or with a qualifier one published version of it, together with the
   * provisioned concurrency and asynchronous invocation configurations of what it deletes.
   */
  public void delete(Scope scope, FunctionRef ref) {
    provisioned.changing(
        Transactions.in(scope, ref),
        (store, changes) -> {
          Deletion.delete(store, ref, changes);
          return null;
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
    Scope target = Transactions.in(scope, ref);
    return tx.transaction(
        target,
        store -> {
          FunctionStore.Row row = Transactions.require(store, ref.name());
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
    int limit = Transactions.pageSize(maxItems);
    long after = marker.map(Registry::parseVersionMarker).orElse(-1L);
    return tx.read(
        Transactions.in(scope, ref),
        store -> {
          FunctionStore.Row row = Transactions.require(store, ref.name());
          List<FunctionVersion> items = new ArrayList<>();
          if (after < 0) {
            items.add(row.latest());
          }
          items.addAll(store.versions(ref.name(), Math.max(after, 0), limit + 1));
          return page(items, limit);
        });
  }

  // ---- concurrency, tags, account -----------------------------------------------------------

  public int putConcurrency(Scope scope, String functionName, Integer reserved) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    Violations violations = new Violations();
    violations.required("reservedConcurrentExecutions", reserved);
    violations.range("reservedConcurrentExecutions", reserved, 0, Integer.MAX_VALUE);
    violations.throwIfAny();
    return tx.transaction(
        Transactions.in(scope, ref),
        store -> {
          FunctionStore.Row row = Transactions.require(store, ref.name());
          ProvisionedRules.checkReserved(store, limits, row, reserved);
          store.update(
              new FunctionStore.Row(
                  row.latest(), row.tags(), OptionalInt.of(reserved), row.lastVersion()));
          return reserved;
        });
  }

  public OptionalInt getConcurrency(Scope scope, String functionName) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    return tx.read(
        Transactions.in(scope, ref),
        store -> Transactions.require(store, ref.name()).reservedConcurrency());
  }

  public void deleteConcurrency(Scope scope, String functionName) {
    FunctionRef ref = FunctionRef.parseUnqualified(functionName);
    tx.transaction(
        Transactions.in(scope, ref),
        store -> {
          FunctionStore.Row row = Transactions.require(store, ref.name());
          store.update(
              new FunctionStore.Row(
                  row.latest(), row.tags(), OptionalInt.empty(), row.lastVersion()));
          return null;
        });
  }

  public Map<String, String> listTags(Scope scope, String resourceArn) {
    FunctionRef ref = Tags.functionOf(resourceArn);
    return tx.read(
        Transactions.in(scope, ref), store -> Transactions.require(store, ref.name()).tags());
  }

  public void tag(Scope scope, String resourceArn, Map<String, String> tags) {
    FunctionRef ref = Tags.functionOf(resourceArn);
    Tags.check(tags);
    tx.transaction(
        Transactions.in(scope, ref),
        store -> {
          FunctionStore.Row row = Transactions.require(store, ref.name());
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
    tx.transaction(
        Transactions.in(scope, ref),
        store -> {
          FunctionStore.Row row = Transactions.require(store, ref.name());
          Map<String, String> remaining = new TreeMap<>(row.tags());
          keys.forEach(remaining::remove);
          store.update(
              new FunctionStore.Row(
                  row.latest(), remaining, row.reservedConcurrency(), row.lastVersion()));
          return null;
        });
  }

  public AccountSettings accountSettings(Scope scope) {
    return tx.read(
        scope,
        store -> {
          FunctionStore.Usage usage = store.usage();
          return new AccountSettings(
              Limits.TOTAL_CODE_SIZE,
              CodePackage.MAX_UNZIPPED,
              CodePackage.MAX_ZIPPED,
              limits.accountConcurrency(),
              (int) ProvisionedRules.unreserved(store, limits),
              usage.codeSize(),
              usage.functionCount());
        });
  }

  /** Parses a function reference as the Invoke API and the Get operations accept it. */
  public FunctionRef parseReference(String text, Optional<String> qualifier) {
    return FunctionRef.parse(text, qualifier, 256);
  }

  /** The scope a reference lives in: its ARN's region, if it names one, else the caller's. */
  public Scope scopeOf(Scope scope, FunctionRef ref) {
    return Transactions.in(scope, ref);
  }

  /** The file holding the stored deployment package with the given blob key. */
  public java.nio.file.Path codePath(String blobKey) {
    return blobs.path(blobKey);
  }

  /** The stored deployment package with the given blob key. */
  public Optional<byte[]> code(String blobKey) {
    return blobKey.matches("[0-9a-f]{64}") ? blobs.get(blobKey) : Optional.empty();
  }

  // ---- internals ----------------------------------------------------------------------------

  private CodeArtifact store(byte[] zip) {
    long unzipped = CodePackage.validate(zip);
    String key = blobs.put(zip);
    String sha256 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(key));
    return new CodeArtifact(key, sha256, zip.length, unzipped);
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
        Lifecycle.TRANSITIONS.fire("update", current.lifecycle()),
        Optional.empty());
  }

  private FunctionVersion checkChangeable(
      Scope scope, FunctionVersion latest, Optional<String> revisionId) {
    if (revisionId.isPresent() && !revisionId.get().equals(latest.revisionId())) {
      throw Transactions.revisionMismatch();
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
      config = config.withDescription(description.get());
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
        && published.config().withDescription("").equals(latest.config().withDescription(""));
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
}
