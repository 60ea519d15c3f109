package dev.gust.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * REST services whose operations several components serve: a command interface made of sealed
 * parts, each served by its own handler; two operations on one method and path told apart by a
 * literal query parameter; replies of a status alone; decimal numbers written as given.
 */
class RestPartsTest {

  sealed interface Garden {

    /** The operations one component serves. */
    sealed interface Beds extends Garden {

      @Operation(http = "GET /2020-01-01/beds/{Name}")
      record GetBed(@Member.Path("Name") String name) implements Beds {}

      @Operation(http = "GET /2020-01-01/beds/{Name}?List=ALL")
      record ListBeds(
          @Member.Path("Name") String name, @Member.QueryString("Marker") Optional<String> marker)
          implements Beds {}
    }

    /** The operations another component serves. */
    sealed interface Watering extends Garden {

      @Operation(http = "POST /2020-01-01/beds/{Name}/water", status = 200)
      record Water(
          @Member.Path("Name") String name,
          @Member.Header("X-Mode") Optional<String> mode,
          @Member.Payload byte[] payload)
          implements Watering {}

      record Unsupported(String operation) implements Watering {}
    }
  }

  record Bed(String name, BigDecimal planted) {}

  sealed interface Scale {
    record Weigh(BigDecimal value) implements Scale {}
  }

  record Measure(BigDecimal value) {}

  record Beds(Optional<String> nextMarker, Optional<List<Bed>> beds) {}

  /** A reply whose status depends on the request, with a payload only sometimes. */
  record Watered(
      @Member.Status int status,
      @Member.Header("X-Done") Optional<String> done,
      @Member.Payload Optional<byte[]> payload) {}

  private final ServiceModel<Garden> model =
      ServiceModel.builder("garden", Garden.class)
          .rest()
          .unsupported(Garden.Watering.Unsupported::new, "WaterForever")
          .build();

  private final Router router =
      new Router(
          java.util.stream.Stream.concat(
                  model.routes(Garden.Beds.class, RestPartsTest::beds).stream(),
                  model.routes(Garden.Watering.class, RestPartsTest::water).stream())
              .toList());

  private static Object beds(Garden.Beds command, RequestContext context) {
    return switch (command) {
      case Garden.Beds.GetBed get -> new Bed(get.name(), BigDecimal.valueOf(1_700_000_000_120L, 3));
      case Garden.Beds.ListBeds list ->
          new Beds(list.marker().map(m -> m + "+"), Optional.of(List.of()));
    };
  }

  private static Object water(Garden.Watering command, RequestContext context) {
    return switch (command) {
      case Garden.Watering.Water water ->
          water.mode().isPresent()
              ? new Watered(202, Optional.empty(), Optional.empty())
              : new Watered(200, Optional.of("yes"), Optional.of(water.payload()));
      case Garden.Watering.Unsupported unsupported -> throw new IllegalStateException();
    };
  }

  private HttpResponse send(String method, String path, String query, String mode, String body) {
    Map<String, List<String>> headers = mode == null ? Map.of() : Map.of("X-Mode", List.of(mode));
    return router.handle(
        HttpRequest.of(method, path, query, Headers.of(headers), body.getBytes(UTF_8)), "");
  }

  @Test
  void operationsOfEveryPartAreTheModelsAndEachPartHasItsOwnRoutes() {
    assertThat(model.served()).containsExactly("GetBed", "ListBeds", "Water");
    assertThat(model.unsupported()).containsExactly("WaterForever");
    assertThat(model.routes(Garden.Beds.class, RestPartsTest::beds))
        .extracting(Route::operation)
        .containsExactlyInAnyOrder("GetBed", "ListBeds");
    assertThat(model.routes(Garden.Watering.class, RestPartsTest::water))
        .extracting(Route::operation)
        .containsExactly("Water");
  }

  @Test
  void aJsonServiceServesAllItsOperationsThroughOneRoute() {
    ServiceModel<Garden> json =
        ServiceModel.builder("garden", Garden.class).json("Garden", "application/json").build();

    assertThatThrownBy(() -> json.routes(Garden.Beds.class, RestPartsTest::beds))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aLiteralQueryParameterTellsTwoOperationsOnOnePathApart() {
    HttpResponse got = send("GET", "/2020-01-01/beds/roses", "", null, "");
    HttpResponse listed = send("GET", "/2020-01-01/beds/roses", "List=ALL&Marker=m", null, "");
    HttpResponse otherValue = send("GET", "/2020-01-01/beds/roses", "List=SOME", null, "");

    assertThat(got.bodyText()).isEqualTo("{\"Name\":\"roses\",\"Planted\":1700000000.120}");
    assertThat(listed.bodyText()).isEqualTo("{\"NextMarker\":\"m+\",\"Beds\":[]}");
    assertThat(otherValue.bodyText()).startsWith("{\"Name\":\"roses\"");
  }

  @Test
  void aReplyOfStatusAndHeadersAloneHasNoContentType() {
    HttpResponse accepted = send("POST", "/2020-01-01/beds/roses/water", "", "later", "{}");
    HttpResponse watered = send("POST", "/2020-01-01/beds/roses/water", "", null, "");

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.body()).isEmpty();
    assertThat(accepted.headers()).doesNotContainKey("Content-Type");
    assertThat(watered.status()).isEqualTo(200);
    assertThat(watered.body()).isEmpty();
    assertThat(watered.headers())
        .containsEntry("Content-Type", "application/json")
        .containsEntry("X-Done", "yes");
  }

  @Test
  void templatesParseTheirQueryLiterals() {
    PathTemplate list = PathTemplate.parse("/beds/{Name}?List=ALL&Flag");

    assertThat(list.hasQueryLiterals()).isTrue();
    assertThat(list.match("/beds/roses")).contains(Map.of("Name", "roses"));
    assertThat(list.matchesQuery(Map.of("List", List.of("ALL"), "Flag", List.of("")))).isTrue();
    assertThat(list.matchesQuery(Map.of("List", List.of("ALL")))).isFalse();
    assertThat(list.matchesQuery(Map.of("List", List.of("NONE"), "Flag", List.of("")))).isFalse();
    assertThat(PathTemplate.parse("/beds/{Name}").matchesQuery(Map.of())).isTrue();
  }

  @Test
  void decimalsAreReadAndWrittenAsGiven() {
    ServiceModel<Scale> scale =
        ServiceModel.builder("scale", Scale.class).json("Scale", "application/json").build();

    Scale.Weigh weigh =
        (Scale.Weigh) scale.decodeJson("Weigh", "{\"Value\":12.50}".getBytes(UTF_8));

    assertThat(weigh.value()).isEqualTo(new BigDecimal("12.50"));
    assertThat(new String(scale.encodeJson(new Measure(weigh.value())), UTF_8))
        .isEqualTo("{\"Value\":12.50}");
  }
}
