package dev.gust.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.AwsException;
import dev.gust.invoke.InvokeResult;
import dev.gust.invoke.ThrottleReason;
import dev.gust.worker.CapacityException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Lambda error each refusal of the invoke path becomes on the wire, one row per case. */
class InvokeApiTest {

  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:f:live";

  /** A refusal and the error type, status, message and extra members of its reply. */
  record Row(
      InvokeResult.Refusal refusal,
      String code,
      int status,
      String message,
      Map<String, String> fields) {

    @Override
    public String toString() {
      return refusal + " -> " + status + " " + code + " " + fields;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            new InvokeResult.Throttled(
                ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED),
            "TooManyRequestsException",
            429,
            "Rate Exceeded.",
            Map.of("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded")),
        new Row(
            new InvokeResult.Throttled(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED),
            "TooManyRequestsException",
            429,
            "Rate Exceeded.",
            Map.of("Reason", "ConcurrentInvocationLimitExceeded")),
        new Row(
            new InvokeResult.NoCapacity(
                CapacityException.Reason.SCALING_RATE, "Rate Exceeded. f may start at most 2"),
            "TooManyRequestsException",
            429,
            "Rate Exceeded. f may start at most 2",
            Map.of("Reason", "FunctionInvocationRateLimitExceeded")),
        new Row(
            new InvokeResult.NoCapacity(CapacityException.Reason.MEMORY, "no memory left"),
            "TooManyRequestsException",
            429,
            "no memory left",
            Map.of("Reason", "ConcurrentInvocationLimitExceeded")),
        new Row(
            new InvokeResult.Pending(),
            "ResourceConflictException",
            409,
            "The operation cannot be performed at this time. The function is currently in the"
                + " following state: Pending",
            Map.of()),
        new Row(
            new InvokeResult.NotFound(ARN),
            "ResourceNotFoundException",
            404,
            "Function not found: " + ARN,
            Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachRefusalIsLambdasError(Row row) {
    AwsException error = InvokeApi.error(row.refusal());
    assertThat(error.type().code()).isEqualTo(row.code());
    assertThat(error.type().status()).isEqualTo(row.status());
    assertThat(error.getMessage()).isEqualTo(row.message());
    assertThat(error.fields()).isEqualTo(row.fields());
  }
}
