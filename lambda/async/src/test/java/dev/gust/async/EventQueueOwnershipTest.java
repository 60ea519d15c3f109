package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Ownership;
import dev.gust.testkit.Await;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node starts lanes for the functions it owns only; the others' events wait in the store. */
class EventQueueOwnershipTest {

  static final String THEIRS = "arn:aws:lambda:us-east-1:000000000000:function:theirs";

  @TempDir Path dir;
  private AsyncFixture node;

  @BeforeEach
  void start() {
    node = new AsyncFixture(dir);
    node.function("mine", Optional.empty());
    node.function("theirs", Optional.empty());
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void anEventOfAFunctionThisNodeDoesNotOwnIsStoredAndLeftForItsOwner() {
    node.ownership = (kind, key) -> !(kind == Ownership.Kind.FUNCTION && key.equals(THEIRS));
    node.restart();

    node.invoke("theirs", "{\"for\":\"them\"}");
    node.invoke("mine", "{\"for\":\"me\"}");
    Await.until("the owned function ran", () -> node.worker.received("mine").size() == 1);

    assertThat(node.worker.received("theirs")).isEmpty();

    node.ownership = Ownership.everything();
    node.restart();
    Await.until(
        "the stored event ran on its owner", () -> node.worker.received("theirs").size() == 1);
    assertThat(node.scrape())
        .contains(
            "lambda_AsyncEventsResumed_total{FunctionName=\"theirs\",Resource=\"theirs\"} 1.0");
  }

  @Test
  void storedEventsOfFunctionsThisNodeDoesNotOwnAreNotResumed() {
    node.ownership = (kind, key) -> false;
    node.restart();
    node.invoke("mine", "{}");
    node.restart();

    assertThat(node.worker.received("mine")).isEmpty();
    assertThat(node.scrape()).doesNotContain("lambda_AsyncEventsResumed_total");
  }
}
