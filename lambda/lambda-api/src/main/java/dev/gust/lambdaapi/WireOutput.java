package dev.gust.lambdaapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page shape of the provisioned concurrency and event invoke config list replies, which are
 * still written by hand; the management API's replies are modeled in {@link
 * FunctionConfigurationModel}.
 */
final class WireOutput {

  private WireOutput() {}

  static Map<String, Object> page(String key, List<?> items, Optional<String> nextMarker) {
    Map<String, Object> out = new LinkedHashMap<>();
    nextMarker.ifPresent(m -> out.put("NextMarker", m));
    out.put(key, items);
    return out;
  }
}
