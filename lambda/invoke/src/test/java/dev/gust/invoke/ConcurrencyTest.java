package dev.gust.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The counting service's admission policy, one row per case. */
class ConcurrencyTest {

  /**
   * Admits {@code running} invocations of {@code function} (reserved or not) with {@code
   * othersInPool} unreserved invocations of another function in flight, then asks for one more.
   */
  record Row(
      String name,
      OptionalInt reserved,
      int pool,
      int running,
      int othersInPool,
      Optional<ThrottleReason> refused) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    OptionalInt none = OptionalInt.empty();
    Optional<ThrottleReason> admitted = Optional.empty();
    Optional<ThrottleReason> reservedFull =
        Optional.of(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
    Optional<ThrottleReason> poolFull =
        Optional.of(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
    return Stream.of(
        new Row("reserved 0 throttles every call", OptionalInt.of(0), 100, 0, 0, reservedFull),
        new Row("reserved 1 admits one", OptionalInt.of(1), 100, 0, 0, admitted),
        new Row("reserved 1 throttles the second", OptionalInt.of(1), 100, 1, 0, reservedFull),
        new Row("reserved ignores a full pool", OptionalInt.of(5), 2, 0, 2, admitted),
        new Row("unreserved shares the pool", none, 3, 1, 1, admitted),
        new Row("a full pool throttles", none, 3, 1, 2, poolFull),
        new Row("the pool counts every function", none, 2, 0, 2, poolFull));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void admission(Row row) {
    Concurrency concurrency = new Concurrency();
    List<Concurrency.Lease> leases = new ArrayList<>();
    for (int i = 0; i < row.othersInPool(); i++) {
      leases.add(lease(concurrency.acquire("other", OptionalInt.empty(), row.pool())));
    }
    for (int i = 0; i < row.running(); i++) {
      leases.add(lease(concurrency.acquire("f", row.reserved(), row.pool())));
    }
    Concurrency.Grant grant = concurrency.acquire("f", row.reserved(), row.pool());
    if (row.refused().isEmpty()) {
      assertThat(grant).isInstanceOf(Concurrency.Grant.Leased.class);
      assertThat(concurrency.running("f")).isEqualTo(row.running() + 1);
    } else {
      assertThat(grant).isEqualTo(new Concurrency.Grant.Refused(row.refused().get()));
      assertThat(concurrency.running("f")).isEqualTo(row.running());
    }
  }

  @Test
  void aLeaseIsReleasedOnceHoweverOftenItIsClosed() {
    Concurrency concurrency = new Concurrency();
    Concurrency.Lease lease = lease(concurrency.acquire("f", OptionalInt.empty(), 1));
    Concurrency.Lease other = lease(concurrency.acquire("g", OptionalInt.of(1), 1));
    lease.close();
    lease.close();
    assertThat(concurrency.unreservedRunning()).isZero();
    assertThat(concurrency.totalRunning()).isEqualTo(1);
    other.close();
    assertThat(concurrency.totalRunning()).isZero();
    lease(concurrency.acquire("f", OptionalInt.empty(), 1));
    assertThat(concurrency.acquire("h", OptionalInt.empty(), 1))
        .isEqualTo(
            new Concurrency.Grant.Refused(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED));
  }

  private static Concurrency.Lease lease(Concurrency.Grant grant) {
    assertThat(grant).isInstanceOf(Concurrency.Grant.Leased.class);
    return ((Concurrency.Grant.Leased) grant).lease();
  }
}
