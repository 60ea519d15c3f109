package dev.gust.wire;

import java.util.Optional;

/**
 * Reads the credential scope of an AWS Signature Version 4 request: the access key id, date, region
 * and service, from the {@code Authorization} header or a presigned URL's {@code X-Amz-Credential}
 * parameter. The signature itself is not verified.
 */
public final class SigV4 {

  /** The parts of {@code AKID/20150830/us-east-1/lambda/aws4_request}. */
  public record CredentialScope(String accessKeyId, String date, String region, String service) {}

  private SigV4() {}

  /** Extracts the credential scope of a signed request, if it carries one in a readable form. */
  public static Optional<CredentialScope> credentialScope(HttpRequest request) {
    return request
        .headers()
        .first("Authorization")
        .flatMap(SigV4::fromAuthorization)
        .or(() -> request.queryParam("X-Amz-Credential").flatMap(SigV4::fromCredential));
  }

  static Optional<CredentialScope> fromAuthorization(String authorization) {
    if (!authorization.startsWith("AWS4-")) {
      return Optional.empty();
    }
    int start = authorization.indexOf("Credential=");
    if (start < 0) {
      return Optional.empty();
    }
    start += "Credential=".length();
    int end = authorization.indexOf(',', start);
    String credential = authorization.substring(start, end < 0 ? authorization.length() : end);
    return fromCredential(credential.strip());
  }

  static Optional<CredentialScope> fromCredential(String credential) {
    String[] parts = credential.split("/");
    if (parts.length != 5 || parts[0].isEmpty() || !parts[4].equals("aws4_request")) {
      return Optional.empty();
    }
    return Optional.of(new CredentialScope(parts[0], parts[1], parts[2], parts[3]));
  }
}
