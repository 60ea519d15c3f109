package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.runtimes.Invocation;
import dev.gust.testkit.Await;
import dev.gust.testkit.FakeClock;
import dev.gust.testkit.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cold start takes a stem cell when one of its runtime and size is waiting: the function runs in
 * a process started before its code existed, with its own environment and code, and a new spare
 * cell is started.
 */
class StemCellWorkerTest {

  private static final String PROBE =
      """
      import os
      def handler(event, context):
          started_as = open('/proc/self/environ', 'rb').read().decode()
          return {'cell': '_GUST_STEM_CELL=1' in started_as,
                  'leftover': '_GUST_STEM_CELL' in os.environ,
                  'name': os.environ['AWS_LAMBDA_FUNCTION_NAME'],
                  'cwd': os.getcwd() == os.environ['LAMBDA_TASK_ROOT'],
                  'own': os.environ.get('OWN')}
      """;

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
  private RealWorker real;
  private LocalWorker worker;

  @BeforeEach
  void start() {
    real = new RealWorker(dir, clock);
    worker = real.worker;
  }

  @AfterEach
  void stop() {
    real.close();
  }

  @Test
  void aColdStartSpecializesAWaitingCell() {
    String first = invokeNew(spec("first", Map.of()));
    assertThat(first).contains("\"cell\": false");
    Await.until("a spare cell is waiting", () -> worker.spareCells() == 1);

    String second = invokeNew(spec("second", Map.of("OWN", "mine")));
    assertThat(second)
        .contains("\"cell\": true")
        .contains("\"leftover\": false")
        .contains("\"name\": \"second\"")
        .contains("\"cwd\": true")
        .contains("\"own\": \"mine\"");
    Await.until("the spare is replaced", () -> worker.spareCells() == 1);
  }

  @Test
  void atMostFourSparesWaitWhateverTheNumberOfShapes() {
    for (int memory = 128; memory < 128 + StemCells.MAX_SPARES + 2; memory++) {
      invokeNew(spec("size" + memory, Map.of(), memory));
    }
    Await.until(
        "every spare has started and is up",
        java.time.Duration.ofSeconds(30),
        () -> {
          StemCells.Counts counts = worker.cellCounts();
          return counts.starting() == 0 && counts.held() == counts.up();
        });
    assertThat(worker.spareCells()).isEqualTo(StemCells.MAX_SPARES);
  }

  private String invokeNew(FunctionSpec spec) {
    EnvironmentId id = worker.start(spec, InitializationType.ON_DEMAND);
    Invoked invoked =
        worker.invoke(
            id,
            new Invocation(
                "r",
                "{}".getBytes(StandardCharsets.UTF_8),
                System.currentTimeMillis() + 10_000,
                spec.functionArn(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    assertThat(invoked.outcome()).isInstanceOf(InvokeOutcome.Ok.class);
    return new String(((InvokeOutcome.Ok) invoked.outcome()).payload(), StandardCharsets.UTF_8);
  }

  private FunctionSpec spec(String name, Map<String, String> environment) {
    return spec(name, environment, 128);
  }

  private FunctionSpec spec(String name, Map<String, String> environment, int memoryMb) {
    Path zip = dir.resolve(name + ".zip");
    try {
      Files.write(zip, Zips.of(Map.of("app.py", PROBE)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new FunctionSpec(
        name,
        "arn:aws:lambda:us-east-1:000000000000:function:" + name,
        "$LATEST",
        "us-east-1",
        "python3.13",
        "app.handler",
        memoryMb,
        10,
        512,
        environment,
        "/aws/lambda/" + name,
        name,
        zip);
  }
}
