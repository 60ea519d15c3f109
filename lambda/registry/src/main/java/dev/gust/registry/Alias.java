package dev.gust.registry;

import java.util.Map;

/**
 * A named pointer to a published version (or {@code $LATEST}), optionally sending a share of
 * traffic to one additional version.
 *
 * @param additionalVersionWeights version to weight (0.0 to 1.0); at most one entry
 */
public record Alias(
    String functionName,
    String name,
    String functionVersion,
    String description,
    Map<String, Double> additionalVersionWeights,
    String revisionId) {

  public Alias {
    additionalVersionWeights = Map.copyOf(additionalVersionWeights);
  }
}
