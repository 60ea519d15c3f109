package dev.gust.worker;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A continuously refilling token bucket: it holds at most {@code capacity} tokens and gains {@code
 * capacity} tokens per {@code window}, in proportion to the time that passed. Lambda's scaling rate
 * (1,000 new execution environments per 10 seconds per function) is one. Not thread-safe: the
 * caller holds its lock.
 */
final class TokenBucket {

  private final double capacity;
  private final double perNano;
  private final InstantSource clock;
  private double tokens;
  private Instant updated;

  TokenBucket(int capacity, Duration window, InstantSource clock) {
    this.capacity = capacity;
    this.perNano = capacity / (double) window.toNanos();
    this.clock = clock;
    this.tokens = capacity;
    this.updated = clock.instant();
  }

  /** Takes one token if there is one. */
  boolean tryTake() {
    Instant now = clock.instant();
    if (now.isAfter(updated)) {
      tokens = Math.min(capacity, tokens + Duration.between(updated, now).toNanos() * perNano);
      updated = now;
    }
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /** Whether the bucket is full, that is, it would forget nothing if dropped. */
  boolean full() {
    Instant now = clock.instant();
    return tokens + Duration.between(updated, now).toNanos() * perNano >= capacity;
  }
}
