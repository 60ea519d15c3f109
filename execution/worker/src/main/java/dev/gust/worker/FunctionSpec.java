package dev.gust.worker;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything an environment needs to run one function version: identity, runtime, handler, limits,
 * the function's own environment variables and its deployment package.
 *
 * @param functionArn the unqualified ARN
 * @param codeKey the content key of the deployment package; environments with the same key share an
 *     unpacked task root
 */
public record FunctionSpec(
    String functionName,
    String functionArn,
    String version,
    String region,
    String runtime,
    String handler,
    int memoryMb,
    int timeoutSeconds,
    int ephemeralStorageMb,
    Map<String, String> environment,
    String logGroup,
    String codeKey,
    Path codeZip) {

  public FunctionSpec {
    environment = Map.copyOf(environment);
  }
}
