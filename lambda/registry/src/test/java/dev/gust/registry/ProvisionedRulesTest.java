package dev.gust.registry;

import static dev.gust.registry.RegistryFixture.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.AwsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which provisioned concurrency configurations Lambda accepts: one row per case, each naming the
 * setup, the request and the error AWS answers with (or none).
 */
class ProvisionedRulesTest {

  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

  @TempDir Path dir;

  /** A request against functions {@code fn} (versions 1 to 3, alias {@code live} on 1). */
  record Row(
      String name,
      Consumer<RegistryFixture> setup,
      String function,
      Optional<String> qualifier,
      int requested,
      Optional<String> errorType,
      String message) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Row ok(String name, Consumer<RegistryFixture> setup, String qualifier, int requested) {
    return new Row(name, setup, "fn", Optional.of(qualifier), requested, Optional.empty(), "");
  }

  static Row fails(
      String name,
      Consumer<RegistryFixture> setup,
      String function,
      Optional<String> qualifier,
      int requested,
      String type,
      String message) {
    return new Row(name, setup, function, qualifier, requested, Optional.of(type), message);
  }

  static Row fails(
      String name,
      Consumer<RegistryFixture> setup,
      String qualifier,
      int requested,
      String type,
      String message) {
    return fails(name, setup, "fn", Optional.of(qualifier), requested, type, message);
  }

  private static final Consumer<RegistryFixture> NOTHING = f -> {};
  private static final String INVALID = "InvalidParameterValueException";
  private static final String NOT_FOUND = "ResourceNotFoundException";
  private static final String CONFLICT = "ResourceConflictException";
  private static final String ABOVE_RESERVED =
      "Requested Provisioned Concurrency should not be greater than the"
          + " reservedConcurrentExecution for function";
  private static final String BELOW_MINIMUM =
      "Specified ConcurrentExecutions for function decreases account's"
          + " UnreservedConcurrentExecution below its minimum value of [100].";

  static Consumer<RegistryFixture> reserved(String function, int n) {
    return f -> f.registry.putConcurrency(SCOPE, function, n);
  }

  static Consumer<RegistryFixture> provisioned(String function, String qualifier, int n) {
    return f -> f.put(function, qualifier, n);
  }

  static Consumer<RegistryFixture> otherFunction() {
    return f -> f.function("other", 1);
  }

  static Stream<Row> validation() {
    return Stream.of(
        ok("version by name", NOTHING, "1", 1),
        ok("alias by name", NOTHING, "live", 1),
        new Row(
            "partial ARN",
            NOTHING,
            "000000000000:function:fn",
            Optional.of("2"),
            1,
            Optional.empty(),
            ""),
        new Row(
            "full ARN carrying the qualifier",
            NOTHING,
            ARN + "fn:2",
            Optional.empty(),
            1,
            Optional.empty(),
            ""),
        fails(
            "zero requested",
            NOTHING,
            "1",
            0,
            "ValidationException",
            "1 validation error detected: Value '0' at 'provisionedConcurrentExecutions' failed to"
                + " satisfy constraint: Member must have value greater than or equal to 1"),
        fails(
            "$LATEST",
            NOTHING,
            "$LATEST",
            1,
            INVALID,
            "Provisioned Concurrency Configs cannot be applied to unpublished function versions."),
        fails(
            "no qualifier",
            NOTHING,
            "fn",
            Optional.empty(),
            1,
            INVALID,
            "Provisioned Concurrency Configs cannot be applied to unpublished function versions."),
        fails(
            "alias of $LATEST",
            f -> f.alias("fn", "head", "$LATEST"),
            "head",
            1,
            INVALID,
            "Provisioned Concurrency Configs cannot be applied to unpublished function versions."),
        fails("unknown version", NOTHING, "9", 1, NOT_FOUND, "Function not found: " + ARN + "fn:9"),
        fails(
            "unknown alias",
            NOTHING,
            "gone",
            1,
            NOT_FOUND,
            "Cannot find alias arn: " + ARN + "fn:gone"),
        fails(
            "unknown function",
            NOTHING,
            "ghost",
            Optional.of("1"),
            1,
            NOT_FOUND,
            "Function not found: " + ARN + "ghost"));
  }

  static Stream<Row> limits() {
    return Stream.of(
        ok("up to the reserved concurrency", reserved("fn", 10), "1", 10),
        fails(
            "above the reserved concurrency", reserved("fn", 10), "1", 11, INVALID, ABOVE_RESERVED),
        fails(
            "all qualifiers together above the reserved concurrency",
            reserved("fn", 10).andThen(provisioned("fn", "live", 6)),
            "2",
            5,
            INVALID,
            ABOVE_RESERVED),
        ok(
            "replacing a configuration does not count the old one",
            reserved("fn", 10).andThen(provisioned("fn", "2", 8)),
            "2",
            10),
        ok("unreserved pool keeps exactly its minimum", NOTHING, "1", 900),
        fails("unreserved pool below its minimum", NOTHING, "1", 901, INVALID, BELOW_MINIMUM),
        fails(
            "more than the whole unreserved pool",
            NOTHING,
            "1",
            1001,
            INVALID,
            "Specified ConcurrentExecutions for function is greater than account's unreserved"
                + " concurrency [1000]."),
        ok(
            "other reservations shrink the pool",
            otherFunction().andThen(reserved("other", 500)),
            "1",
            400),
        fails(
            "other reservations shrink the pool, past the minimum",
            otherFunction().andThen(reserved("other", 500)),
            "1",
            401,
            INVALID,
            BELOW_MINIMUM),
        ok(
            "provisioned concurrency of unreserved functions shrinks the pool",
            otherFunction().andThen(provisioned("other", "1", 300)),
            "1",
            600),
        fails(
            "provisioned concurrency of unreserved functions shrinks the pool, past the minimum",
            otherFunction().andThen(provisioned("other", "1", 300)),
            "1",
            601,
            INVALID,
            BELOW_MINIMUM),
        ok(
            "provisioned concurrency inside a reservation is counted once",
            otherFunction().andThen(reserved("other", 200)).andThen(provisioned("other", "1", 150)),
            "1",
            700),
        fails(
            "an alias on a provisioned version",
            provisioned("fn", "1", 1),
            "live",
            1,
            CONFLICT,
            "Alias can't be used for Provisioned Concurrency configuration on an already"
                + " Provisioned version"),
        fails(
            "a version under a provisioned alias",
            provisioned("fn", "live", 1),
            "1",
            1,
            CONFLICT,
            "Version is pointed by a Provisioned Concurrency alias"),
        ok("a version beside a provisioned alias", provisioned("fn", "live", 1), "2", 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"validation", "limits"})
  void put(Row row) {
    try (RegistryFixture f = new RegistryFixture(dir, Limits.defaults())) {
      f.function("fn", 3);
      f.alias("fn", "live", "1");
      row.setup().accept(f);
      FunctionRef ref = FunctionRef.parse(row.function(), row.qualifier(), 140);
      if (row.errorType().isEmpty()) {
        ProvisionedConcurrency put = f.registry.provisioned().put(SCOPE, ref, row.requested());
        assertThat(put.requested()).isEqualTo(row.requested());
        assertThat(put.status()).isEqualTo(ProvisionedConcurrency.Status.IN_PROGRESS);
        assertThat(f.registry.provisioned().get(SCOPE, ref)).contains(put);
      } else {
        assertThatThrownBy(() -> f.registry.provisioned().put(SCOPE, ref, row.requested()))
            .isInstanceOfSatisfying(
                AwsException.class,
                e -> {
                  assertThat(e.type().code()).isEqualTo(row.errorType().get());
                  assertThat(e.getMessage()).isEqualTo(row.message());
                });
      }
    }
  }

  @Test
  void reservedConcurrencyCannotDropBelowProvisionedAndTheAccountCountsBoth() {
    try (RegistryFixture f = new RegistryFixture(dir, Limits.defaults())) {
      f.function("fn", 2);
      f.function("other", 0);
      f.put("fn", "1", 30);
      f.put("fn", "2", 20);
      assertThat(f.registry.accountSettings(SCOPE).unreservedConcurrentExecutions()).isEqualTo(950);
      assertThatThrownBy(() -> f.registry.putConcurrency(SCOPE, "fn", 49))
          .isInstanceOfSatisfying(
              AwsException.class,
              e -> {
                assertThat(e.type().code()).isEqualTo(INVALID);
                assertThat(e.getMessage()).contains("49", "[50]");
              });
      f.registry.putConcurrency(SCOPE, "fn", 50);
      assertThat(f.registry.accountSettings(SCOPE).unreservedConcurrentExecutions())
          .as("provisioned concurrency inside the reservation is not counted again")
          .isEqualTo(950);
      assertThatThrownBy(() -> f.registry.putConcurrency(SCOPE, "other", 851))
          .hasMessageContaining("below its minimum value of [100]");
      f.registry.putConcurrency(SCOPE, "other", 850);
    }
  }

  @Test
  void getAndDeleteNeedAPublishedVersionOrAnAliasThatExists() {
    try (RegistryFixture f = new RegistryFixture(dir, Limits.defaults())) {
      f.function("fn", 1);
      ProvisionedConcurrencyRegistry provisioned = f.registry.provisioned();
      String unpublished =
          "The function resource provided must be an alias or a published version.";
      for (FunctionRef ref :
          List.of(RegistryFixture.ref("fn", "$LATEST"), FunctionRef.unqualified("fn"))) {
        assertThatThrownBy(() -> provisioned.get(SCOPE, ref)).hasMessage(unpublished);
        assertThatThrownBy(() -> provisioned.delete(SCOPE, ref)).hasMessage(unpublished);
      }
      assertThatThrownBy(() -> provisioned.get(SCOPE, RegistryFixture.ref("fn", "7")))
          .hasMessage("Function not found: " + ARN + "fn:7");
      assertThatThrownBy(() -> provisioned.delete(SCOPE, RegistryFixture.ref("fn", "blue")))
          .hasMessage("Cannot find alias arn: " + ARN + "fn:blue");
      assertThat(provisioned.get(SCOPE, RegistryFixture.ref("fn", "1"))).isEmpty();
      provisioned.delete(SCOPE, RegistryFixture.ref("fn", "1"));
    }
  }

  @Test
  void listPagesAtMostFiftyAtATime() {
    try (RegistryFixture f = new RegistryFixture(dir, Limits.defaults())) {
      f.function("fn", 1);
      assertThatThrownBy(
              () ->
                  f.registry.provisioned().list(SCOPE, "fn", Optional.empty(), OptionalInt.of(51)))
          .hasMessage(
              "1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint:"
                  + " Member must have value less than or equal to 50");
      assertThatThrownBy(
              () ->
                  f.registry
                      .provisioned()
                      .list(SCOPE, "ghost", Optional.empty(), OptionalInt.empty()))
          .hasMessage("Function not found: " + ARN + "ghost");
    }
  }
}
