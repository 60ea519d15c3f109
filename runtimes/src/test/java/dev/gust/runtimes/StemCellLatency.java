package dev.gust.runtimes;

import static dev.gust.runtimes.RuntimeProcesses.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.runtimes.RuntimeProcesses.Started;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a stem cell takes from {@link RuntimeChannel#specialize} to its first {@code /next},
 * against a normal start (process start to first {@code /next}), for a trivial Python and Node.js
 * handler, without a sandbox. A measurement, not a test: it asserts no time and runs only when
 * asked to, with {@code -Dgust.benchmark=true -Dtest=StemCellLatency}.
 */
@EnabledIfSystemProperty(named = "gust.benchmark", matches = "true")
class StemCellLatency {

  private static final int WARMUP = 3;
  private static final int RUNS = 21;

  @TempDir Path scratch;

  @Test
  void python() throws Exception {
    measure("python3.11", "app.py", "def handler(event, context):\n    return {'ok': True}\n");
  }

  @Test
  void node() throws Exception {
    measure("nodejs20.x", "app.js", "exports.handler = async () => ({ ok: true });\n");
  }

  private void measure(String runtime, String file, String source) throws Exception {
    List<Long> specialized = new ArrayList<>();
    List<Long> normal = new ArrayList<>();
    Path logs = Files.createDirectory(scratch.resolve("logs"));
    try (RuntimeProcesses processes = new RuntimeProcesses(scratch.resolve("runtime"), logs)) {
      for (int i = 0; i < WARMUP + RUNS; i++) {
        Path taskRoot = Files.createDirectory(scratch.resolve("task-" + i));
        Started cell = processes.cell(runtime, taskRoot);
        cell.channel().awaitingSpecialization().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        RuntimeProcesses.write(taskRoot, file, source);
        Map<String, String> env =
            processes.environment(runtime, taskRoot, "app.handler", cell.channel(), Map.of());
        CompletableFuture<Long> firstNext =
            cell.channel().initialized().thenApply(ready -> System.nanoTime());
        long specialize = System.nanoTime();
        cell.channel().specialize(env);
        long cellNanos = firstNext.get(DEADLINE.toSeconds(), TimeUnit.SECONDS) - specialize;
        assertThat(processes.invoke(cell, "{}")).isInstanceOf(RuntimeOutcome.Success.class);

        // The reference: a normal start of the same function, from process start to first /next
        // (an upper bound: the first /next may arrive before the timestamp is hooked).
        long start = System.nanoTime();
        Started started = processes.normal(runtime, taskRoot, "app.handler", Map.of());
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
