package dev.gust.registry;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle of a function's {@code $LATEST}, as a declared state machine, and how each state
 * reads on the wire as Lambda's {@code State} and {@code LastUpdateStatus}.
 *
 * <p>A created function is {@code Pending} until its code is prepared, then {@code Active}; an
 * update sets {@code LastUpdateStatus} to {@code InProgress} until it has been applied. While a
 * function is pending or updating, further changes are refused with {@code
 * ResourceConflictException}, as on AWS, and the SDK's waiters ({@code functionActiveV2}, {@code
 * functionUpdatedV2}) wait for the settled states.
 */
public enum Lifecycle {
  CREATING("Pending", "The function is being created.", "Creating", Optional.empty()),
  ACTIVE("Active", null, null, Optional.of("Successful")),
  UPDATING("Active", null, null, Optional.of("InProgress")),
  CREATE_FAILED("Failed", null, "InternalError", Optional.of("Failed")),
  UPDATE_FAILED("Active", null, null, Optional.of("Failed"));

  private final String state;
  private final Optional<String> stateReason;
  private final Optional<String> stateReasonCode;
  private final Optional<String> lastUpdateStatus;

  Lifecycle(
      String state, String stateReason, String stateReasonCode, Optional<String> lastUpdateStatus) {
    this.state = state;
    this.stateReason = Optional.ofNullable(stateReason);
    this.stateReasonCode = Optional.ofNullable(stateReasonCode);
    this.lastUpdateStatus = lastUpdateStatus;
  }

  /** The states this one may move to. */
  public Set<Lifecycle> next() {
    return switch (this) {
      case CREATING -> EnumSet.of(ACTIVE, CREATE_FAILED);
      case ACTIVE, UPDATE_FAILED, CREATE_FAILED -> EnumSet.of(UPDATING);
      case UPDATING -> EnumSet.of(ACTIVE, UPDATE_FAILED);
    };
  }

  /** Returns {@code to} if the move is declared, otherwise fails: an undeclared move is a bug. */
  public Lifecycle moveTo(Lifecycle to) {
    if (!next().contains(to)) {
      throw new IllegalStateException("undeclared lifecycle transition " + this + " -> " + to);
    }
    return to;
  }

  /** Whether an operation that changes the function must wait for this state to settle. */
  public boolean settling() {
    return this == CREATING || this == UPDATING;
  }

  public String state() {
    return state;
  }

  public Optional<String> stateReason() {
    return stateReason;
  }

  public Optional<String> stateReasonCode() {
    return stateReasonCode;
  }

  public Optional<String> lastUpdateStatus() {
    return lastUpdateStatus;
  }
}
