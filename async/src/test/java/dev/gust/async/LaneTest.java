package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Scope;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaneTest {

  private final Lane lane = new Lane();

  @Test
  void aBacklogGrowsTheWindowByOnePerRoundAndAThrottleHalvesIt() {
    for (int i = 0; i < 100; i++) {
      lane.offer(event(i));
    }
    assertThat(runnable()).isEqualTo(Lane.INITIAL_WINDOW);
    for (int i = 0; i < Lane.INITIAL_WINDOW; i++) {
      lane.done(false);
    }
    assertThat(lane.window()).isEqualTo(Lane.INITIAL_WINDOW + 1);
    assertThat(runnable()).isEqualTo(Lane.INITIAL_WINDOW + 1);
    lane.done(true);
    assertThat(lane.window()).isEqualTo((Lane.INITIAL_WINDOW + 1) / 2);
    assertThat(lane.next()).isEmpty(); // 10 still running, window 5
  }

  @Test
  void reservedConcurrencyCapsTheEventsRunningAtOnce() {
    for (int i = 0; i < 20; i++) {
      lane.offer(event(i));
    }
    lane.cap(java.util.OptionalInt.of(3));
    assertThat(runnable()).isEqualTo(3);
    lane.cap(java.util.OptionalInt.empty());
    assertThat(runnable()).isEqualTo(Lane.INITIAL_WINDOW - 3);
  }

  @Test
  void withoutABacklogTheWindowStays() {
    lane.offer(event(1));
    assertThat(runnable()).isEqualTo(1);
    for (int i = 0; i < 50; i++) {
      lane.done(false);
    }
    assertThat(lane.window()).isEqualTo(Lane.INITIAL_WINDOW);
  }

  private int runnable() {
    int n = 0;
    while (lane.next().isPresent()) {
      n++;
    }
    return n;
  }

  private static AsyncEvent event(int i) {
    return new AsyncEvent(
        "r" + i,
        Scope.defaultScope(),
        "f",
        Optional.empty(),
        new byte[0],
        Instant.EPOCH,
        0,
        0,
        Instant.EPOCH,
        0);
  }
}
