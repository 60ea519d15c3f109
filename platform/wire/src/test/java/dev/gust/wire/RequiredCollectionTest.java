package dev.gust.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A list or map the model requires is missing when absent, as any required member is, while an
 * undeclared one reads as empty; an empty one sent is present and meets its length constraint.
 */
class RequiredCollectionTest {

  sealed interface Batches {
    record SendBatch(
        @Member.Required @Member.Length(min = 1, max = 2) List<String> entries,
        @Member.Required Map<String, String> labels,
        List<String> notes)
        implements Batches {}
  }

  private final ServiceModel<Batches> model =
      ServiceModel.builder("batches", Batches.class)
          .json("Batches", "application/x-amz-json-1.1")
          .query("http://batches.example/doc/")
          .build();

  @Test
  void absentRequiredCollectionsAreMissingMembers() {
    assertThatThrownBy(() -> model.decodeJson("SendBatch", "{}".getBytes(UTF_8)))
        .hasMessage(
            "2 validation errors detected: Value null at 'entries' failed to satisfy constraint:"
                + " Member must not be null; Value null at 'labels' failed to satisfy constraint:"
                + " Member must not be null");
  }

  @Test
  void sentRequiredCollectionsArePresentEvenWhenEmpty() {
    Batches.SendBatch batch =
        (Batches.SendBatch)
            model.decodeJson("SendBatch", "{\"Entries\":[\"a\"],\"Labels\":{}}".getBytes(UTF_8));

    assertThat(batch.entries()).containsExactly("a");
    assertThat(batch.labels()).isEmpty();
    assertThat(batch.notes()).isEmpty();
    assertThatThrownBy(
            () -> model.decodeJson("SendBatch", "{\"Entries\":[],\"Labels\":{}}".getBytes(UTF_8)))
        .hasMessage(
            "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint:"
                + " Member must have length greater than or equal to 1");
  }

  @Test
  void theQueryProtocolRequiresThemToo() {
    Router router = new Router(model.routes((command, context) -> Empty.INSTANCE));

    HttpResponse response =
        router.handle(
            HttpRequest.of(
                "POST",
                "/",
                "",
                Headers.of(Map.of("Content-Type", List.of("application/x-www-form-urlencoded"))),
                "Action=SendBatch&Labels.entry.1.key=k&Labels.entry.1.value=v".getBytes(UTF_8)),
            "");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText())
        .contains("Value null at &apos;entries&apos; failed to satisfy constraint");
  }
}
