package dev.gust.registry;

import dev.gust.core.Scope;
import dev.gust.core.StateMachine;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A provisioned concurrency configuration: how many execution environments a client asked Lambda to
 * keep initialized for one published version or alias of a function, and how far the platform has
 * come in allocating them.
 *
 * @param qualifier the version number or alias name the configuration was put on
 * @param version the published version the qualifier points to now: the qualifier itself, or the
 *     primary version of the alias
 * @param requested the environments the client asked for ({@code
 *     RequestedProvisionedConcurrentExecutions}), at least 1
 * @param allocated the environments the platform has initialized for it, as last reported
 * @param available the allocated environments not serving an invocation, as last reported
 * @param statusReason why allocation failed; present only when the status is {@link Status#FAILED}
 * @param lastModified when a client last put the configuration
 */
public record ProvisionedConcurrency(
    Scope scope,
    String functionName,
    String qualifier,
    String version,
    int requested,
    int allocated,
    int available,
    Status status,
    Optional<String> statusReason,
    Instant lastModified) {

  /**
   * Where allocation stands, as Lambda reports it. A put or a repointed alias sets {@link
   * #IN_PROGRESS}; afterwards the platform reports {@link #READY} or {@link #FAILED} through {@link
   * ProvisionedConcurrencyRegistry#report}, and back to {@link #IN_PROGRESS} while it replaces
   * environments.
   */
  public enum Status {
    IN_PROGRESS,
    READY,
    FAILED;

    /**
     * The transition table of the stored status. A put or a repointed alias starts allocation over
     * from any status ({@code put}). The platform then reports progress: {@code IN_PROGRESS} while
     * fewer environments than requested are ready (again, when it replaces one that crashed),
     * {@code READY} when all are, {@code FAILED} when one could not be allocated. Environments are
     * allocated concurrently and their reports commit in any order, so every report may follow
     * every other: a failure may be reported after all were ready, another environment's progress
     * after a failure.
     */
    static final StateMachine<Status> TRANSITIONS =
        StateMachine.declare("provisioned concurrency status", Status.class)
            .on("put", IN_PROGRESS, IN_PROGRESS)
            .on("put", READY, IN_PROGRESS)
            .on("put", FAILED, IN_PROGRESS)
            .allow(IN_PROGRESS, READY)
            .allow(IN_PROGRESS, FAILED)
            .allow(READY, READY)
            .allow(READY, FAILED)
            .allow(FAILED, FAILED)
            .allow(FAILED, READY)
            .build();
  }

  /** What changed, as subscribers of {@link ProvisionedConcurrencyRegistry#subscribe} see it. */
  public sealed interface Change {

    /** A configuration was put, or the alias it is on now points elsewhere. */
    record Put(ProvisionedConcurrency config) implements Change {}

    /** The configuration of a version or alias is gone, as are the version or alias, maybe. */
    record Deleted(Scope scope, String functionName, String qualifier) implements Change {}
  }

  public ProvisionedConcurrency {
    Objects.requireNonNull(scope);
    Objects.requireNonNull(functionName);
    Objects.requireNonNull(qualifier);
    Objects.requireNonNull(version);
    Objects.requireNonNull(status);
    Objects.requireNonNull(statusReason);
    Objects.requireNonNull(lastModified);
  }

  /** The ARN of the version or alias the configuration is on. */
  public String functionArn() {
    return Arns.function(scope, functionName, qualifier);
  }

  /** Whether the configuration is on an alias rather than on a version. */
  public boolean onAlias() {
    return !ProvisionedRules.isVersion(qualifier);
  }

  ProvisionedConcurrency pointingAt(String target) {
    return new ProvisionedConcurrency(
        scope,
        functionName,
        qualifier,
        target,
        requested,
        allocated,
        available,
        status,
        statusReason,
        lastModified);
  }

  ProvisionedConcurrency inProgress() {
    return new ProvisionedConcurrency(
        scope,
        functionName,
        qualifier,
        version,
        requested,
        allocated,
        available,
        Status.TRANSITIONS.fire("put", status),
        Optional.empty(),
        lastModified);
  }
}
