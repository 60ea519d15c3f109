package dev.gust.runtimes;

import static dev.gust.runtimes.RuntimeProcesses.DEADLINE;
import static dev.gust.runtimes.RuntimeProcesses.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.runtimes.RuntimeProcesses.Started;
import dev.gust.testkit.JavaFunctions;
import dev.gust.testkit.RuntimeFixture.Behaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How long a stem cell takes from {@link RuntimeChannel#specialize} to its first {@code /next},
 * against a normal start (process start to first {@code /next}), for a trivial Python and Node.js
 * handler and a Java map handler, without a sandbox. A measurement, not a test: it asserts no time
 * and runs only when asked to, with {@code -Dgust.benchmark=true -Dtest=StemCellLatency}.
 */
@EnabledIfSystemProperty(named = "gust.benchmark", matches = "true")
class StemCellLatency {

  private static final int WARMUP = 3;
  private static final int RUNS = 21;

  @TempDir Path scratch;
  private String prepared;

  @Test
  void python() throws Exception {
    String source = "def handler(event, context):\n    return {'ok': True}\n";
    measure("python3.11", "app.handler", root -> write(root, "app.py", source), Map.of());
  }

  @Test
  void node() throws Exception {
    String source = "exports.handler = async () => ({ ok: true });\n";
    measure("nodejs20.x", "app.handler", root -> write(root, "app.js", source), Map.of());
  }

  /**
   * The map handler of gust-java-functions, in a cell of the function's memory size, after the
   * runtime's class-data archive was written.
   */
  @ParameterizedTest
  @ValueSource(strings = {"java17"})
  void java(String runtime) throws Exception {
    prepared = runtime;
    measure(
        runtime,
        JavaFunctions.fixture(runtime).handler(Behaviour.ECHO),
        root -> RuntimeProcesses.unzip(root, JavaFunctions.zip()),
        Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256"));
  }

  private void measure(
      String runtime, String handler, Consumer<Path> deploy, Map<String, String> cellVariables)
      throws Exception {
    List<Long> specialized = new ArrayList<>();
    List<Long> normal = new ArrayList<>();
    Path logs = Files.createDirectory(scratch.resolve("logs"));
    try (RuntimeProcesses processes = new RuntimeProcesses(scratch.resolve("runtime"), logs)) {
      if (prepared != null) {
        processes.prepare(prepared);
      }
      for (int i = 0; i < WARMUP + RUNS; i++) {
        Path taskRoot = Files.createDirectory(scratch.resolve("task-" + i));
        Started cell = processes.cell(runtime, taskRoot, cellVariables);
        cell.channel().awaitingSpecialization().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        deploy.accept(taskRoot);
        Map<String, String> env =
            processes.environment(runtime, taskRoot, handler, cell.channel(), Map.of());
        CompletableFuture<Long> firstNext =
            cell.channel().initialized().thenApply(ready -> System.nanoTime());
        long specialize = System.nanoTime();
        cell.channel().specialize(env);
        long cellNanos = firstNext.get(DEADLINE.toSeconds(), TimeUnit.SECONDS) - specialize;
        assertThat(processes.invoke(cell, "{}")).isInstanceOf(RuntimeOutcome.Success.class);

        // The reference: a normal start of the same function, from process start to first /next
        // (an upper bound: the first /next may arrive before the timestamp is hooked).
        long start = System.nanoTime();
        Started started = processes.normal(runtime, taskRoot, handler, Map.of());
        CompletableFuture<Long> normalNext =
            started.channel().initialized().thenApply(ready -> System.nanoTime());
        long normalNanos = normalNext.get(DEADLINE.toSeconds(), TimeUnit.SECONDS) - start;
        for (Started done : List.of(cell, started)) {
          done.process().destroyForcibly().waitFor();
          done.channel().close();
        }
        if (i >= WARMUP) {
          specialized.add(cellNanos);
          normal.add(normalNanos);
        }
      }
    }
    System.out.printf(
        "%s: specialize -> first /next %s; normal start -> first /next %s (%d runs)%n",
        runtime, stats(specialized), stats(normal), RUNS);
  }

  private static String stats(List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    return String.format(
        "median %.2f ms (min %.2f, max %.2f)",
        sorted.get(sorted.size() / 2) / 1e6, sorted.getFirst() / 1e6, sorted.getLast() / 1e6);
  }
}
