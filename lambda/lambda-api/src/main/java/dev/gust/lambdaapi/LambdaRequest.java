package dev.gust.lambdaapi;

import dev.gust.registry.ConfigChanges;
import dev.gust.registry.FunctionRef;
import dev.gust.registry.Registry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed request to the Lambda management API, one record per operation. {@link LambdaApi} builds
 * these from HTTP requests and executes them with an exhaustive switch, so an operation that is
 * routed but not executed does not compile.
 */
sealed interface LambdaRequest {

  record CreateFunction(Registry.NewFunction function) implements LambdaRequest {}

  record GetFunction(FunctionRef ref) implements LambdaRequest {}

  record GetFunctionConfiguration(FunctionRef ref) implements LambdaRequest {}

  record ListFunctions(boolean allVersions, Optional<String> marker, Optional<Integer> maxItems)
      implements LambdaRequest {}

  record UpdateFunctionCode(
      String functionName,
      Optional<byte[]> zipFile,
      Optional<List<String>> architectures,
      Optional<String> revisionId,
      boolean publish,
      boolean dryRun)
      implements LambdaRequest {}

  record UpdateFunctionConfiguration(
      String functionName, ConfigChanges changes, Optional<String> revisionId)
      implements LambdaRequest {}

  record DeleteFunction(FunctionRef ref) implements LambdaRequest {}

  record PublishVersion(
      String functionName,
      Optional<String> codeSha256,
      Optional<String> description,
      Optional<String> revisionId)
      implements LambdaRequest {}

  record ListVersionsByFunction(
      String functionName, Optional<String> marker, Optional<Integer> maxItems)
      implements LambdaRequest {}

  record CreateAlias(
      String functionName,
      String name,
      String functionVersion,
      Optional<String> description,
      Map<String, Double> weights)
      implements LambdaRequest {}

  record GetAlias(String functionName, String name) implements LambdaRequest {}

  record UpdateAlias(
      String functionName,
      String name,
      Optional<String> functionVersion,
      Optional<String> description,
      Optional<Map<String, Double>> weights,
      Optional<String> revisionId)
      implements LambdaRequest {}

  record DeleteAlias(String functionName, String name) implements LambdaRequest {}

  record ListAliases(
      String functionName,
      Optional<String> functionVersion,
      Optional<String> marker,
      Optional<Integer> maxItems)
      implements LambdaRequest {}

  record PutFunctionConcurrency(String functionName, Integer reserved) implements LambdaRequest {}

  record GetFunctionConcurrency(String functionName) implements LambdaRequest {}

  record DeleteFunctionConcurrency(String functionName) implements LambdaRequest {}

  record TagResource(String resource, Map<String, String> tags) implements LambdaRequest {}

  record UntagResource(String resource, List<String> tagKeys) implements LambdaRequest {}

  record ListTags(String resource) implements LambdaRequest {}

  record GetAccountSettings() implements LambdaRequest {}
}
