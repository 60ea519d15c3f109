package dev.gust.wire;

import dev.gust.core.Scope;
import java.util.Optional;

/**
 * Who is calling and where: the request id echoed in {@code x-amzn-RequestId}, the account and
 * region from the SigV4 credential scope, and the base URL the client used to reach Gust, for links
 * handed back to it.
 */
public record RequestContext(
    String requestId, Scope scope, Optional<String> accessKeyId, String baseUrl) {}
