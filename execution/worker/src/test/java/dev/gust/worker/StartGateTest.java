package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.testkit.Await;
import dev.gust.testkit.FakeClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Starts wait at the gate until an earlier one is ready, has exited or has used its lease. */
class StartGateTest {

  private final FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
  private final StartGate gate = new StartGate(2, clock);

  @Test
  void aThirdStartWaitsUntilAnEarlierRuntimeIsReady() {
    CompletableFuture<Void> firstReady = new CompletableFuture<>();
    gate.enter().holdUntil(firstReady, new CompletableFuture<>());
    gate.enter().holdUntil(new CompletableFuture<>(), new CompletableFuture<>());
    AtomicBoolean third = enterInBackground();

    assertThat(gate.hasQueuedStarts()).isTrue();
    assertThat(third).isFalse();
    firstReady.complete(null);
    Await.until("the third start passes the gate", third::get);
  }

  @Test
  void aRuntimeThatExitsGivesItsPermitBack() {
    CompletableFuture<Integer> exited = new CompletableFuture<>();
    gate.enter().holdUntil(new CompletableFuture<>(), exited);
    gate.enter().holdUntil(new CompletableFuture<>(), new CompletableFuture<>());
    assertThat(gate.available()).isZero();

    exited.complete(1);
    assertThat(gate.available()).isOne();
  }

  @Test
  void aSlowInitHoldsOthersBackForItsLeaseOnly() {
    gate.enter().holdUntil(new CompletableFuture<>(), new CompletableFuture<>());
    gate.enter().holdUntil(new CompletableFuture<>(), new CompletableFuture<>());
    AtomicBoolean third = enterInBackground();

    clock.advance(StartGate.LEASE.minusMillis(1));
    assertThat(gate.available()).isZero();
    assertThat(gate.hasQueuedStarts()).isTrue();
    assertThat(third).isFalse();
    clock.advance(Duration.ofMillis(1));
    Await.until("the third start passes the gate", third::get);
  }

  @Test
  void aPermitIsGivenBackOnceWhateverHappensFirst() {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    CompletableFuture<Integer> exited = new CompletableFuture<>();
    StartGate.Pass pass = gate.enter();
    pass.holdUntil(ready, exited);
    ready.complete(null);
    exited.complete(0);
    clock.advance(StartGate.LEASE);
    pass.release();

    assertThat(gate.available()).isEqualTo(2);
  }

  /** Enters the gate on another thread; the flag turns true once it is through. */
  private AtomicBoolean enterInBackground() {
    AtomicBoolean through = new AtomicBoolean();
    Thread.ofVirtual()
        .start(
            () -> {
              gate.enter();
              through.set(true);
            });
    Await.until("the start waits at the gate", gate::hasQueuedStarts);
    return through;
  }
}
