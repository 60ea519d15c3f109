package dev.gust.core;

/**
 * A component tried a move its {@link StateMachine} does not declare. It is a bug in the component,
 * never a client error: nothing maps it to a wire error. It is an {@link IllegalStateException}, as
 * a call on an object in the wrong state has always been.
 */
public final class IllegalTransitionException extends IllegalStateException {

  private final Enum<?> from;

  IllegalTransitionException(String message, Enum<?> from) {
    super(message);
    this.from = from;
  }

  /** The state the refused move started from. */
  public Enum<?> from() {
    return from;
  }
}
