package dev.gust.registry;

import static dev.gust.registry.RegistryFixture.SCOPE;
import static dev.gust.registry.RegistryFixture.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.registry.EventInvokeConfigRegistry.Destinations;
import dev.gust.registry.EventInvokeConfigRegistry.Settings;
import dev.gust.store.Database;
import dev.gust.store.Dialect;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asynchronous invocation configurations in the registry: the cached read of the event path, how
 * configurations go with what they configure, and restarts. Function {@code fn} has versions 1 and
 * 2 and alias {@code live} on version 1.
 */
class EventInvokeConfigRegistryTest {

  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:fn";
  private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:failed";

  @TempDir Path dir;
  private final AtomicInteger reads = new AtomicInteger();
  private RegistryFixture f;

  @BeforeEach
  void open() {
    f = new RegistryFixture(dir, Limits.defaults(), CountingReads::new);
    f.function("fn", 2);
    f.alias("fn", "live", "1");
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void findAnswersFromMemoryUntilAWriteAndSeesEachWriteAtOnce() {
    EventInvokeConfigRegistry configs = f.registry.eventInvokeConfigs();
    assertThat(configs.find(SCOPE, "fn", "$LATEST")).isEmpty();

    EventInvokeConfig put = configs.put(SCOPE, FunctionRef.unqualified("fn"), retries(0));
    assertThat(configs.find(SCOPE, "fn", "$LATEST")).contains(put);
    int before = reads.get();
    for (int i = 0; i < 100; i++) {
      assertThat(configs.find(SCOPE, "fn", "$LATEST")).contains(put);
      assertThat(configs.find(SCOPE, "fn", "live")).isEmpty();
    }
    assertThat(reads.get()).as("steady-state reads").isEqualTo(before + 1);

    f.clock.advance(Duration.ofSeconds(1));
    EventInvokeConfig updated =
        configs.update(
            SCOPE,
            ref("fn", "$LATEST"),
            new Settings(
                OptionalInt.empty(),
                OptionalInt.of(120),
                Optional.of(new Destinations(Optional.empty(), Optional.of(QUEUE)))));
    assertThat(configs.find(SCOPE, "fn", "$LATEST")).contains(updated);
    assertThat(updated)
        .isEqualTo(
            new EventInvokeConfig(
                ARN + ":$LATEST",
                OptionalInt.of(0),
                OptionalInt.of(120),
                Optional.empty(),
                Optional.of(QUEUE),
                Instant.parse("2026-01-01T00:00:01Z")));

    configs.delete(SCOPE, FunctionRef.unqualified("fn"));
    assertThat(configs.find(SCOPE, "fn", "$LATEST")).isEmpty();
  }

  @Test
  void findReadsExactlyTheQualifierAnEventWasInvokedWith() {
    EventInvokeConfigRegistry configs = f.registry.eventInvokeConfigs();
    EventInvokeConfig onAlias = configs.put(SCOPE, ref("fn", "live"), retries(1));
    EventInvokeConfig onVersion = configs.put(SCOPE, ref("fn", "2"), retries(2));

    assertThat(configs.find(SCOPE, "fn", "live")).contains(onAlias);
    assertThat(configs.find(SCOPE, "fn", "2")).contains(onVersion);
    assertThat(configs.find(SCOPE, "fn", "1")).as("the version the alias points to").isEmpty();
    assertThat(configs.find(SCOPE, "fn", "$LATEST")).isEmpty();
    assertThat(onAlias.functionArn()).isEqualTo(ARN + ":live");
  }

  @Test
  void configurationsGoWithTheirVersionAliasOrFunction() {
    EventInvokeConfigRegistry configs = f.registry.eventInvokeConfigs();
    for (String qualifier : List.of("$LATEST", "1", "2", "live")) {
      configs.put(SCOPE, ref("fn", qualifier), retries(1));
    }
    f.registry.delete(SCOPE, ref("fn", "2"));
    assertThat(configs.find(SCOPE, "fn", "2")).isEmpty();
    f.registry.aliases().delete(SCOPE, "fn", "live");
    assertThat(configs.find(SCOPE, "fn", "live")).isEmpty();
    assertThat(qualifiers()).containsExactly("$LATEST", "1");

    f.registry.delete(SCOPE, FunctionRef.unqualified("fn"));
    f.function("fn", 1);
    assertThat(qualifiers()).as("a function of the same name starts with none").isEmpty();
    assertThat(configs.find(SCOPE, "fn", "1")).isEmpty();
  }

  @Test
  void configurationsSurviveARestart() {
    EventInvokeConfig put =
        f.registry.eventInvokeConfigs().put(SCOPE, ref("fn", "live"), retries(0));
    f.restart();
    assertThat(f.registry.eventInvokeConfigs().find(SCOPE, "fn", "live")).contains(put);
  }

  private List<String> qualifiers() {
    return f
        .registry
        .eventInvokeConfigs()
        .list(SCOPE, "fn", Optional.empty(), OptionalInt.empty())
        .items()
        .stream()
        .map(EventInvokeConfig::qualifier)
        .toList();
  }

  private static Settings retries(int n) {
    return new Settings(OptionalInt.of(n), OptionalInt.empty(), Optional.empty());
  }

  /** The database the registry uses, counting its read transactions. */
  private final class CountingReads implements Database {

    private final Database delegate;

    CountingReads(Database delegate) {
      this.delegate = delegate;
    }

    @Override
    public Dialect dialect() {
      return delegate.dialect();
    }

    @Override
    public <T> T transaction(Work<T> work) {
      return delegate.transaction(work);
    }

    @Override
    public <T> T read(Work<T> work) {
      reads.incrementAndGet();
      return delegate.read(work);
    }

    @Override
    public void migrate(String component, List<String> migrations) {
      delegate.migrate(component, migrations);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
