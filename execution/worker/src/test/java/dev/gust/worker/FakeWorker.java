package dev.gust.worker;

import dev.gust.runtimes.Invocation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory twin of {@link LocalWorker}: environments are records, an invocation answers with
 * the environment's number, or crashes it when the payload says {@code "crash"}, or blocks until
 * {@link #release} when it says {@code "hold"}.
 */
final class FakeWorker implements Worker {

  private final String id;
  private final long capacityMb;
  private final Map<Long, FunctionSpec> environments = new ConcurrentHashMap<>();
  private final AtomicLong numbers = new AtomicLong();
  private final AtomicLong starts = new AtomicLong();
  private volatile CountDownLatch held = new CountDownLatch(1);

  FakeWorker(String id, long capacityMb) {
    this.id = id;
    this.capacityMb = capacityMb;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public long capacityMb() {
    return capacityMb;
  }

  @Override
  public EnvironmentId start(FunctionSpec spec, InitializationType type) {
    starts.incrementAndGet();
    long number = numbers.incrementAndGet();
    environments.put(number, spec);
    return new EnvironmentId(id, number);
  }

  @Override
  public Optional<InvokeOutcome> initialize(EnvironmentId environment) {
    return Optional.empty();
  }

  @Override
  public Invoked invoke(EnvironmentId environment, Invocation invocation) {
    String payload = new String(invocation.payload(), StandardCharsets.UTF_8);
    if (payload.equals("\"hold\"")) {
      try {
        held.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (payload.equals("\"crash\"")) {
      environments.remove(environment.number());
      return new Invoked(
          new InvokeOutcome.SandboxFailed("Runtime.ExitError", "crashed"),
          "",
          Optional.empty(),
          Duration.ZERO,
          false);
    }
    byte[] answer = (id + "/" + environment.number()).getBytes(StandardCharsets.UTF_8);
    return new Invoked(new InvokeOutcome.Ok(answer), "", Optional.empty(), Duration.ZERO, true);
  }

  /** Lets every held invocation finish. */
  void release() {
    CountDownLatch latch = held;
    held = new CountDownLatch(1);
    latch.countDown();
  }

  @Override
  public void stop(EnvironmentId environment) {
    environments.remove(environment.number());
  }

  @Override
  public int environmentCount() {
    return environments.size();
  }

  long starts() {
    return starts.get();
  }

  @Override
  public void close() {
    environments.clear();
  }
}
