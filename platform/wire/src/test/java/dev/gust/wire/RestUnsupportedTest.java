package dev.gust.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.ErrorType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A REST service's operations that are not served yet still have routes of their own, a required
 * list or map is a violation when absent, and a service words its own serialization errors.
 */
class RestUnsupportedTest {

  sealed interface Library {

    @Operation(http = "POST /2020-01-01/shelves/{Shelf}/books", status = 201)
    record AddBook(@Member.Path("Shelf") String shelf, @Member.Required Map<String, String> tags)
        implements Library {}

    record Unsupported(String operation) implements Library {}
  }

  record Added(String shelf) {}

  private static final ErrorType UNSUPPORTED = ErrorType.user("UnknownOperationException", 404);

  private final Router router =
      new Router(
          ServiceModel.builder("library", Library.class)
              .rest()
              .serializationError(
                  ErrorType.user("InvalidRequestContentException", 400),
                  message -> "Could not parse: " + message)
              .unsupported(
                  Library.Unsupported::new,
                  Map.of(
                      "ListShelves", "GET /2020-01-01/shelves",
                      "FindShelf", "GET /2020-01-01/shelves?find=Shelf",
                      "LendBook", "POST /2020-01-01/shelves/{Shelf}/books/{Book}/loans"))
              .build()
              .routes(
                  (command, context) ->
                      switch (command) {
                        case Library.AddBook add -> new Added(add.shelf());
                        case Library.Unsupported unsupported ->
                            throw UNSUPPORTED.exception(
                                unsupported.operation() + " is not supported");
                      }));

  private HttpResponse send(String method, String path, String query, String body) {
    return router.handle(
        HttpRequest.of(method, path, query, Headers.empty(), body.getBytes(UTF_8)), "");
  }

  @Test
  void unsupportedOperationsAreRoutedToTheUnsupportedCommandByTheirBindings() {
    HttpResponse lend = send("POST", "/2020-01-01/shelves/s1/books/b1/loans", "", "");
    HttpResponse list = send("GET", "/2020-01-01/shelves", "", "");
    HttpResponse find = send("GET", "/2020-01-01/shelves", "find=Shelf", "");

    assertThat(lend.status()).isEqualTo(404);
    assertThat(lend.bodyText()).contains("LendBook is not supported");
    assertThat(list.bodyText()).contains("ListShelves is not supported");
    assertThat(find.bodyText()).contains("FindShelf is not supported");
  }

  @Test
  void servedOperationsKeepTheirRoutes() {
    HttpResponse added = send("POST", "/2020-01-01/shelves/s1/books", "", "{\"Tags\":{}}");

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.bodyText()).isEqualTo("{\"Shelf\":\"s1\"}");
  }

  @Test
  void anAbsentRequiredMapIsAViolation() {
    HttpResponse missing = send("POST", "/2020-01-01/shelves/s1/books", "", "{}");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.bodyText())
        .contains(
            "1 validation error detected: Value null at 'tags' failed to satisfy constraint:"
                + " Member must not be null");
  }

  @Test
  void serializationErrorsAreWordedByTheService() {
    HttpResponse broken = send("POST", "/2020-01-01/shelves/s1/books", "", "{\"Tags\":");

    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.headers())
        .containsEntry("x-amzn-ErrorType", "InvalidRequestContentException");
    assertThat(broken.bodyText()).contains("Could not parse: The request body is not valid JSON");
  }
}
