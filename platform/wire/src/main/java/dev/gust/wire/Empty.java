package dev.gust.wire;

/** The reply of an operation that returns no members. */
public record Empty() {

  public static final Empty INSTANCE = new Empty();
}
