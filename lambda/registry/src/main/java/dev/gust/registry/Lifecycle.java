package dev.gust.registry;

import dev.gust.core.StateMachine;
import java.util.Optional;

/**
 * The lifecycle of a function's {@code $LATEST}, as a declared state machine, and how each state
 * reads on the wire as Lambda's {@code State} and {@code LastUpdateStatus}.
 *
 * <p>A created function is {@code Pending} until its code is prepared, then {@code Active}; an
 * update sets {@code LastUpdateStatus} to {@code InProgress} until it has been applied. While a
 * function is pending or updating, further changes are refused with {@code
 * ResourceConflictException}, as on AWS, and the SDK's waiters ({@code functionActiveV2}, {@code
 * functionUpdatedV2}) wait for the settled states. The state is stored with the function; {@link
 * Registry} and {@link Preparation} move it through {@link #TRANSITIONS} in the transaction that
 * writes it.
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

  /**
   * The transition table: a client's change ({@code update}) of a settled function, then the end of
   * its preparation ({@code prepared} or {@code failed}). A function that failed to be created
   * recovers through an update, as on AWS.
   */
  static final StateMachine<Lifecycle> TRANSITIONS =
      StateMachine.declare("function lifecycle", Lifecycle.class)
          .on("prepared", CREATING, ACTIVE)
          .on("failed", CREATING, CREATE_FAILED)
          .on("update", ACTIVE, UPDATING)
          .on("update", CREATE_FAILED, UPDATING)
          .on("update", UPDATE_FAILED, UPDATING)
          .on("prepared", UPDATING, ACTIVE)
          .on("failed", UPDATING, UPDATE_FAILED)
          .build();

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
