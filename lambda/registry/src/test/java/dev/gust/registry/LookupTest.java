package dev.gust.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the invoke path finds for a reference: a target, or the ARN of what is missing. */
class LookupTest {

  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

  @TempDir Path dir;
  private RegistryFixture node;

  @BeforeEach
  void open() {
    node = new RegistryFixture(dir, Limits.defaults());
  }

  @AfterEach
  void close() {
    node.close();
  }

  @Test
  void aReferenceFindsItsVersionWithTheFunctionsConcurrency() {
    node.function("f", 1);
    node.alias("f", "live", "1");
    node.registry.putConcurrency(RegistryFixture.SCOPE, "f", 5);

    Registry.Lookup lookup = lookup(RegistryFixture.ref("f", "live"));

    assertThat(lookup).isInstanceOf(Registry.Lookup.Found.class);
    Registry.Lookup.Found found = (Registry.Lookup.Found) lookup;
    assertThat(found.resolved().version().version()).isEqualTo("1");
    assertThat(found.resolved().alias().map(Alias::name)).contains("live");
    assertThat(found.reservedConcurrency()).isEqualTo(OptionalInt.of(5));
    assertThat(found.unreservedPool()).isEqualTo(Limits.defaults().accountConcurrency() - 5);
  }

  @Test
  void aMissingFunctionIsNamedByItsUnqualifiedArn() {
    assertThat(lookup(RegistryFixture.ref("gone", "live")))
        .isEqualTo(new Registry.Lookup.Missing(ARN + "gone"));
  }

  @Test
  void aMissingVersionOrAliasIsNamedByItsQualifiedArn() {
    node.function("f", 1);
    assertThat(lookup(RegistryFixture.ref("f", "7")))
        .isEqualTo(new Registry.Lookup.Missing(ARN + "f:7"));
    assertThat(lookup(RegistryFixture.ref("f", "live")))
        .isEqualTo(new Registry.Lookup.Missing(ARN + "f:live"));
  }

  @Test
  void aFunctionCreatedAfterItWasMissingIsFound() {
    FunctionRef ref = FunctionRef.unqualified("late");
    assertThat(lookup(ref)).isInstanceOf(Registry.Lookup.Missing.class);
    node.function("late", 0);
    assertThat(lookup(ref)).isInstanceOf(Registry.Lookup.Found.class);
  }

  private Registry.Lookup lookup(FunctionRef ref) {
    return node.registry.lookup(RegistryFixture.SCOPE, ref);
  }
}
