package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LaneTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration MS = Duration.ofMillis(1);
  private final Lane lane = new Lane();

  @Test
  void aBacklogGrowsTheWindowByOnePerRound() {
    fill(100);
    assertThat(runnable()).isEqualTo(Lane.INITIAL_WINDOW);
    for (int i = 0; i < Lane.INITIAL_WINDOW; i++) {
      lane.ran(MS);
    }
    assertThat(lane.window()).isEqualTo(Lane.INITIAL_WINDOW + 1);
    assertThat(runnable()).isEqualTo(Lane.INITIAL_WINDOW + 1);
  }

  @Test
  void aBacklogWhoseInvocationsSlowDownStopsGrowingAndShrinksToItsStart() {
    fill(10_000);
    for (int round = 0; round < 20; round++) {
      runRound(MS);
    }
    int grown = lane.window();
    assertThat(grown).isEqualTo(Lane.INITIAL_WINDOW + 20);

    runRound(MS.multipliedBy(3).dividedBy(2)); // 1.5 ms: as fast as the fastest, give or take
    assertThat(lane.window()).isEqualTo(grown + 1);
    runRound(MS.multipliedBy(19).dividedBy(10)); // slower, not yet crowded: the window holds
    assertThat(lane.window()).isEqualTo(grown + 1);
    runRound(MS.multipliedBy(3)); // crowded: a quarter less
    assertThat(lane.window()).isEqualTo(grown + 1 - (grown + 1) / 4);
    for (int round = 0; round < 10; round++) {
      runRound(MS.multipliedBy(10));
    }
    assertThat(lane.window()).isEqualTo(Lane.INITIAL_WINDOW);
  }

  @Test
  void attemptsThatInvokeNothingDoNotMakeARound() {
    fill(100);
    for (int i = 0; i < 3 * Lane.INITIAL_WINDOW; i++) {
      lane.next(NOW).orElseThrow();
      lane.done(); // expired: no invocation, no pace to learn from
    }
    assertThat(lane.window()).isEqualTo(Lane.INITIAL_WINDOW);
    runRound(Duration.ofMillis(50));
    runRound(Duration.ofMillis(60));
    assertThat(lane.window()).isEqualTo(Lane.INITIAL_WINDOW + 2);
  }

  @Test
  void aThrottleHalvesTheWindowAndPausesTheLaneWithTheEventBackAtItsHead() {
    fill(20);
    AsyncEvent first = lane.next(NOW).orElseThrow();
    Instant resume = lane.throttled(first, NOW);
    assertThat(resume).isEqualTo(NOW.plusSeconds(1));
    assertThat(lane.window()).isEqualTo(Lane.INITIAL_WINDOW / 2);
    assertThat(lane.next(NOW.plusMillis(999))).isEmpty();
    assertThat(lane.next(resume)).contains(first);
    // Consecutive throttles pause longer; an attempt that is not throttled resets the pause.
    assertThat(lane.throttled(first, resume)).isEqualTo(resume.plusSeconds(2));
    lane.next(resume.plusSeconds(2)).orElseThrow();
    lane.ran(MS);
    AsyncEvent again = lane.next(resume.plusSeconds(2)).orElseThrow();
    assertThat(lane.throttled(again, resume.plusSeconds(2))).isEqualTo(resume.plusSeconds(3));
  }

  @Test
  void pausesDoubleUpToFiveMinutes() {
    assertThat(Lane.pause(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Lane.pause(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(Lane.pause(9)).isEqualTo(Duration.ofMinutes(5));
    assertThat(Lane.pause(40)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void reservedConcurrencyCapsTheEventsRunningAtOnce() {
    fill(20);
    lane.cap(OptionalInt.of(3));
    assertThat(runnable()).isEqualTo(3);
    lane.cap(OptionalInt.empty());
    assertThat(runnable()).isEqualTo(Lane.INITIAL_WINDOW - 3);
  }

  @Test
  void withoutABacklogTheWindowStays() {
    fill(1);
    assertThat(runnable()).isEqualTo(1);
    for (int i = 0; i < 50; i++) {
      lane.ran(MS);
    }
    assertThat(lane.window()).isEqualTo(Lane.INITIAL_WINDOW);
  }

  /** Runs a window's worth of attempts, each taking {@code ran}. */
  private void runRound(Duration ran) {
    int window = lane.window();
    for (int i = 0; i < window; i++) {
      lane.next(NOW).orElseThrow();
      lane.ran(ran);
    }
  }

  private void fill(int n) {
    for (int i = 0; i < n; i++) {
      lane.offer(
          new AsyncEvent(
              "r" + i, Scope.defaultScope(), "f", Optional.empty(), new byte[0], NOW, 0, NOW, 0));
    }
  }

  private int runnable() {
    int n = 0;
    while (lane.next(NOW).isPresent()) {
      n++;
    }
    return n;
  }
}
