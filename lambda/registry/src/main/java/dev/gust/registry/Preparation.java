package dev.gust.registry;

import dev.gust.core.Digests;
import dev.gust.core.Scope;
import dev.gust.store.BlobStore;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settles a created or updated {@code $LATEST}: verifies its stored code on the background executor
 * and moves its {@link Lifecycle} to active or failed, unless the function changed again in the
 * meantime.
 */
final class Preparation {

  private static final Logger LOG = Logger.getLogger(Preparation.class.getName());

  private final Transactions tx;
  private final BlobStore blobs;
  private final Executor executor;

  Preparation(Transactions tx, BlobStore blobs, Executor executor) {
    this.tx = tx;
    this.blobs = blobs;
    this.executor = executor;
  }

  void schedule(Scope scope, FunctionVersion latest) {
    if (!latest.lifecycle().settling()) {
      return;
    }
    try {
      executor.execute(() -> prepare(scope, latest));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot schedule preparation of " + latest.functionName(), e);
    }
  }

  /** Verifies the stored code of a settling $LATEST and settles it, unless it changed since. */
  void prepare(Scope scope, FunctionVersion latest) {
    Optional<String> failure = verify(latest.code());
    tx.transaction(
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
              Lifecycle.TRANSITIONS.fire(
                  failure.isEmpty() ? "prepared" : "failed", current.lifecycle());
          store.update(row.get().withLatest(current.with(next, failure)));
          return null;
        });
  }

  private Optional<String> verify(CodeArtifact code) {
    Optional<byte[]> stored = blobs.get(code.blobKey());
    if (stored.isEmpty()) {
      return Optional.of("The function's deployment package is missing from the code store.");
    }
    if (!Digests.sha256Hex(stored.get()).equals(code.blobKey())) {
      return Optional.of("The function's deployment package is corrupt in the code store.");
    }
    return Optional.empty();
  }
}
