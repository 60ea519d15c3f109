package dev.gust.core;

/**
 * Which keys of in-memory authority this node holds. An engine that keeps authority in memory (a
 * queue's index of messages, an outbox's drainer, a rule's schedule timer, a function's lane of
 * asynchronous events or its cached configuration) asks before it takes or keeps that authority,
 * and leaves a key it does not own alone: its rows stay in the store for the node that owns it.
 *
 * <p>A single node owns everything ({@link #everything()}). In cluster mode an implementation
 * backed by the shared store answers for the keys assigned to this node.
 */
@FunctionalInterface
public interface Ownership {

  /** What a key names, and so what its string is. */
  enum Kind {
    /** A queue, by ARN ({@code arn:aws:sqs:<region>:<account>:<name>}). */
    QUEUE,
    /** An outbox, by table name (such as {@code bus_outbox}). */
    OUTBOX,
    /** A rule, by ARN ({@code arn:aws:events:<region>:<account>:rule/[<bus>/]<name>}). */
    RULE,
    /** A function, by unqualified ARN ({@code arn:aws:lambda:<region>:<account>:function:<n>}). */
    FUNCTION
  }

  /** Whether this node holds the authority over {@code key}, a key of the given kind. */
  boolean owns(Kind kind, String key);

  /** The single node's ownership: every key of every kind. */
  static Ownership everything() {
    return (kind, key) -> true;
  }
}
