package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.registry.Limits;
import dev.gust.testkit.Await;
import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Zips;
import dev.gust.worker.WorkerManager;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Each concurrency limit of the counting service and the worker manager, through the SDK against a
 * real server running real functions held open at a {@link Gate}: reserved concurrency, the
 * account's unreserved pool, the scaling rate, and that neither a disconnected client nor a timeout
 * keeps its concurrency.
 */
class ConcurrencyLimitsTest extends LambdaTestBase {

  private final Gate gate = new Gate();
  private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void releaseGate() {
    gate.close();
    clients.close();
  }

  /** Restarts the server on the same data directory with other settings. */
  private void restart(UnaryOperator<LambdaService.Settings> change) {
    lambda.close();
    server.close();
    server = LambdaNode.start(dataDir, change.apply(settings()));
    lambda = AwsClients.lambdaWithoutRetries(server.url());
    waiter = AwsClients.waiter(lambda);
  }

  private void createGated(String name) {
    lambda.createFunction(
        function(name)
            .handler("gate.handler")
            .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("gate.py", Gate.CODE)))))
            .build());
    waiter.waitUntilFunctionActiveV2(r -> r.functionName(name));
    lambda.updateFunctionConfiguration(r -> r.functionName(name).timeout(60));
    awaitUpdated(name);
  }

  private Future<InvokeResponse> invokeAsync(String name) {
    return clients.submit(() -> invoke(name));
  }

  private InvokeResponse invoke(String name) {
    return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(gate.event())));
  }

  /** Invokes, retrying throttles for up to 10 seconds, in the background. */
  private Future<InvokeResponse> invokeWhenNotThrottled(String name) {
    return clients.submit(
        () -> {
          long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
          while (true) {
            try {
              return invoke(name);
            } catch (TooManyRequestsException e) {
              if (System.nanoTime() > deadline) {
                throw e;
              }
              java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
          }
        });
  }

  private static String reasonOf(Throwable thrown) {
    Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
    assertThat(cause).isInstanceOf(TooManyRequestsException.class);
    TooManyRequestsException e = (TooManyRequestsException) cause;
    assertThat(e.statusCode()).isEqualTo(429);
    return e.reasonAsString();
  }

  @Test
  void reservedConcurrencyOfOneThrottlesTheOtherParallelCalls() throws Exception {
    restart(c -> c);
    createGated("one");
    lambda.putFunctionConcurrency(r -> r.functionName("one").reservedConcurrentExecutions(1));
    List<Future<InvokeResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(invokeAsync("one"));
    }
    Await.until("one call inside", Duration.ofSeconds(30), () -> gate.arrived() == 1);
    Await.until(
        "the two others answered",
        Duration.ofSeconds(30),
        () -> calls.stream().filter(Future::isDone).count() == 2);
    List<String> reasons = new ArrayList<>();
    for (Future<InvokeResponse> call : calls) {
      if (call.isDone()) {
        assertThatThrownBy(call::get).satisfies(e -> reasons.add(reasonOf(e)));
      }
    }
    assertThat(reasons)
        .containsExactly(
            "ReservedFunctionConcurrentInvocationLimitExceeded",
            "ReservedFunctionConcurrentInvocationLimitExceeded");
    gate.release();
    long served = 0;
    for (Future<InvokeResponse> call : calls) {
      if (!call.isDone() || call.state() == Future.State.SUCCESS) {
        assertThat(call.get().payload().asUtf8String()).isEqualTo("\"released\"");
        served++;
      }
    }
    assertThat(served).isEqualTo(1);
  }

  @Test
  void reservedConcurrencyOfZeroThrottlesEveryCall() {
    restart(c -> c);
    createGated("off");
    lambda.putFunctionConcurrency(r -> r.functionName("off").reservedConcurrentExecutions(0));
    assertThatThrownBy(() -> invoke("off"))
        .satisfies(
            e ->
                assertThat(reasonOf(e))
                    .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded"));
  }

  @Test
  void theUnreservedPoolIsTheAccountLimitLessReservationsAndIsSharedByTheOthers() throws Exception {
    restart(c -> c.withLimits(new Limits(3, 1)));
    createGated("a");
    createGated("b");
    createGated("reserved");
    lambda.putFunctionConcurrency(r -> r.functionName("reserved").reservedConcurrentExecutions(1));
    Future<InvokeResponse> a = invokeAsync("a");
    Future<InvokeResponse> b = invokeAsync("b");
    Await.until("the pool of 2 is in use", Duration.ofSeconds(30), () -> gate.arrived() == 2);
    assertThatThrownBy(() -> invoke("a"))
        .satisfies(e -> assertThat(reasonOf(e)).isEqualTo("ConcurrentInvocationLimitExceeded"));
    // The reserved function runs on its own reservation.
    Future<InvokeResponse> reserved = invokeAsync("reserved");
    Await.until("the reserved call is inside", Duration.ofSeconds(30), () -> gate.arrived() == 3);
    gate.release();
    for (Future<InvokeResponse> call : List.of(a, b, reserved)) {
      assertThat(call.get().payload().asUtf8String()).isEqualTo("\"released\"");
    }
  }

  @Test
  void newEnvironmentsBeyondTheScalingRateAreThrottledWhileWarmOnesServe() throws Exception {
    restart(
        c ->
            c.withEnvironments(
                WorkerManager.Settings.defaults().withScaling(1, Duration.ofHours(1))));
    createGated("slow-to-scale");
    Future<InvokeResponse> first = invokeAsync("slow-to-scale");
    Await.until("one call inside", Duration.ofSeconds(30), () -> gate.arrived() == 1);
    assertThatThrownBy(() -> invoke("slow-to-scale"))
        .satisfies(e -> assertThat(reasonOf(e)).isEqualTo("FunctionInvocationRateLimitExceeded"));
    gate.release();
    assertThat(first.get().functionError()).isNull();
    // The environment is warm now: no new one is needed.
    Future<InvokeResponse> again = invokeAsync("slow-to-scale");
    Await.until("the warm call is inside", Duration.ofSeconds(30), () -> gate.arrived() == 2);
    gate.release();
    assertThat(again.get().payload().asUtf8String()).isEqualTo("\"released\"");
  }

  @Test
  void aClientThatDisconnectsDoesNotKeepItsConcurrency() throws Exception {
    restart(c -> c);
    createGated("dropped");
    lambda.putFunctionConcurrency(r -> r.functionName("dropped").reservedConcurrentExecutions(1));
    byte[] body = gate.event().getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket
          .getOutputStream()
          .write(
              ("POST /2015-03-31/functions/dropped/invocations HTTP/1.1\r\nHost: x\r\n"
                      + "Content-Length: "
                      + body.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      Await.until("the call is inside", Duration.ofSeconds(30), () -> gate.arrived() == 1);
    }
    gate.release();
    // The held invocation still runs to its end after its client left, then frees its lease.
    Future<InvokeResponse> next = invokeWhenNotThrottled("dropped");
    Await.until("the next call is inside", Duration.ofSeconds(30), () -> gate.arrived() == 2);
    gate.release();
    assertThat(next.get().payload().asUtf8String()).isEqualTo("\"released\"");
  }

  @Test
  void aTimedOutInvocationFreesItsConcurrency() throws Exception {
    restart(c -> c);
    createGated("late");
    lambda.updateFunctionConfiguration(r -> r.functionName("late").timeout(1));
    awaitUpdated("late");
    lambda.putFunctionConcurrency(r -> r.functionName("late").reservedConcurrentExecutions(1));
    InvokeResponse timedOut = invoke("late");
    assertThat(timedOut.functionError()).isEqualTo("Unhandled");
    assertThat(timedOut.payload().asUtf8String()).contains("Task timed out after 1.00 seconds");
    Future<InvokeResponse> next = invokeAsync("late");
    Await.until("the next call is inside", Duration.ofSeconds(30), () -> gate.arrived() == 2);
    gate.release();
    assertThat(next.get().payload().asUtf8String()).isEqualTo("\"released\"");
  }
}
