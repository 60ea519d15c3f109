package dev.gust.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigV4Test {

  private static final SigV4.CredentialScope EXPECTED =
      new SigV4.CredentialScope("AKID", "20240101", "eu-west-1", "lambda");

  private static Optional<SigV4.CredentialScope> fromHeader(String authorization) {
    Headers headers = Headers.of(Map.of("authorization", List.of(authorization)));
    return SigV4.credentialScope(HttpRequest.of("GET", "/", "", headers, new byte[0]));
  }

  @Test
  void readsAuthorizationHeader() {
    assertThat(
            fromHeader(
                "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/lambda/aws4_request,"
                    + " SignedHeaders=host;x-amz-date, Signature=0123abcd"))
        .contains(EXPECTED);
  }

  @Test
  void readsPresignedQueryCredential() {
    HttpRequest request =
        HttpRequest.of(
            "GET",
            "/",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKID%2F20240101%2Feu-west-1%2Flambda%2Faws4_request"
                + "&X-Amz-Signature=0123abcd",
            Headers.empty(),
            new byte[0]);

    assertThat(SigV4.credentialScope(request)).contains(EXPECTED);
  }

  @Test
  void unsignedRequestHasNoScope() {
    assertThat(SigV4.credentialScope(HttpRequest.of("GET", "/", "", Headers.empty(), new byte[0])))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Basic dXNlcjpwYXNz",
        "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=0123abcd",
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/lambda, Signature=0123abcd",
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/lambda/aws4_request/x, Signature=1",
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/lambda/aws5_request, Signature=1",
        "AWS4-HMAC-SHA256 Credential=/20240101/eu-west-1/lambda/aws4_request, Signature=1",
        "AWS4-HMAC-SHA256 Credential=",
      })
  void malformedAuthorizationHasNoScope(String authorization) {
    assertThat(fromHeader(authorization)).isEmpty();
  }
}
