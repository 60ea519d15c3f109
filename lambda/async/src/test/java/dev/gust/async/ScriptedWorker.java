package dev.gust.async;

import dev.gust.runtimes.Invocation;
import dev.gust.worker.EnvironmentId;
import dev.gust.worker.FunctionSpec;
import dev.gust.worker.InitializationType;
import dev.gust.worker.InvokeOutcome;
import dev.gust.worker.Invoked;
import dev.gust.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** A worker whose environments answer every invocation by a script, recording what they got. */
final class ScriptedWorker implements Worker {

  /** An invocation an environment received, for the function {@code functionName}. */
  record Received(String functionName, Invocation invocation) {}

  private final AtomicLong numbers = new AtomicLong();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final java.util.Map<Long, String> functions =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Function<Received, InvokeOutcome> script =
      r -> new InvokeOutcome.Ok("\"ok\"".getBytes());
  private volatile long capacityMb = 1_000_000;

  void answer(Function<Received, InvokeOutcome> script) {
    this.script = script;
  }

  /** Sets the memory the worker has for environments; 0 refuses every new one. */
  void capacity(long megabytes) {
    this.capacityMb = megabytes;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<Received> received(String functionName) {
    return received.stream().filter(r -> r.functionName().equals(functionName)).toList();
  }

  @Override
  public String id() {
    return "scripted";
  }

  @Override
  public long capacityMb() {
    return capacityMb;
  }

  @Override
  public EnvironmentId start(FunctionSpec spec, InitializationType type) {
    long number = numbers.incrementAndGet();
    functions.put(number, spec.functionName());
    return new EnvironmentId(id(), number);
  }

  @Override
  public Optional<InvokeOutcome> initialize(EnvironmentId environment) {
    return Optional.empty();
  }

  @Override
  public Invoked invoke(EnvironmentId environment, Invocation invocation) {
    Received one = new Received(functions.get(environment.number()), invocation);
    received.add(one);
    return new Invoked(script.apply(one), "", Optional.empty(), Duration.ofMillis(1), true);
  }

  @Override
  public void stop(EnvironmentId environment) {
    functions.remove(environment.number());
  }

  @Override
  public int environmentCount() {
    return functions.size();
  }

  @Override
  public void close() {}
}
