package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code GET /_gust/health} names every AWS service the node serves. */
class HealthTest extends ServerTestBase {

  @Test
  void healthNamesTheServicesServed() throws Exception {
    var reply = raw("GET", "/_gust/health", new byte[0]);
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body())
        .contains("\"status\":\"ok\"")
        .contains("\"services\":[\"sqs\",\"sns\",\"events\",\"lambda\"]");
  }
}
