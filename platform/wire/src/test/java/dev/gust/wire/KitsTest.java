package dev.gust.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.ErrorType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pagination and tag kits the services' APIs share. */
class KitsTest {

  private static final ErrorType INVALID = ErrorType.user("InvalidParameter", 400);

  private final List<String> names = IntStream.range(0, 7).mapToObj(i -> "item-" + i).toList();

  @Test
  void pagesWalkTheListingWithoutRepeatsOrGaps() {
    List<String> seen = new java.util.ArrayList<>();
    Optional<String> token = Optional.empty();
    int pages = 0;
    do {
      Page<String> page =
          Page.after(names, Function.identity(), token, 3, () -> INVALID.exception("bad"));
      seen.addAll(page.items());
      token = page.nextToken();
      pages++;
    } while (token.isPresent());

    assertThat(seen).isEqualTo(names);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void aTokenSurvivesItemsRemovedBeforeIt() {
    Page<String> first =
        Page.after(names, Function.identity(), Optional.empty(), 3, () -> INVALID.exception("x"));
    List<String> fewer = names.stream().filter(n -> !n.equals("item-1")).toList();

    Page<String> second =
        Page.after(fewer, Function.identity(), first.nextToken(), 3, () -> INVALID.exception("x"));

    assertThat(second.items()).containsExactly("item-3", "item-4", "item-5");
  }

  @Test
  void aTokenTheKitDidNotMakeIsTheServicesError() {
    assertThatThrownBy(
            () ->
                Page.after(
                    names,
                    Function.identity(),
                    Optional.of("%%%"),
                    3,
                    () -> INVALID.exception("Invalid token")))
        .hasMessage("Invalid token");
  }

  @Test
  void tagsConvertAndCheckAwsLimits() {
    assertThat(Tag.toMap(List.of(new Tag("a", "1"), new Tag("b", "")), k -> null))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", ""));
    assertThatThrownBy(
            () ->
                Tag.toMap(
                    List.of(new Tag("a", "1"), new Tag("a", "2")),
                    key -> INVALID.exception("Duplicate tag key " + key)))
        .hasMessage("Duplicate tag key a");
    assertThatThrownBy(() -> Tag.checkAll(Map.of("aws:x", "1"), INVALID::exception))
        .hasMessageContaining("aws:");
    assertThatThrownBy(() -> Tag.checkAll(Map.of("k".repeat(129), "1"), INVALID::exception))
        .hasMessageContaining("between 1 and 128");
  }
}
