package dev.gust.lambdaapi;

import java.util.Map;

/**
 * The Lambda operations Gust does not serve yet, each bound to the method and path of Lambda's API
 * so that a request for one is answered as {@link LambdaModel.Command.Unsupported} naming it,
 * rather than as an unknown path. {@code Invoke}, provisioned concurrency and event invoke configs
 * are declared by their own API.
 */
final class LambdaUnsupportedModel {

  private LambdaUnsupportedModel() {}

  static final Map<String, String> BINDINGS =
      Map.ofEntries(
          // Resource-based policies.
          Map.entry("GetResourcePolicy", "GET /2026-07-09/resource-policy/{ResourceArn}"),
          Map.entry("PutResourcePolicy", "PUT /2026-07-09/resource-policy/{ResourceArn}"),
          Map.entry("DeleteResourcePolicy", "DELETE /2026-07-09/resource-policy/{ResourceArn}"),
          Map.entry("AddPermission", "POST /2015-03-31/functions/{FunctionName}/policy"),
          Map.entry("GetPolicy", "GET /2015-03-31/functions/{FunctionName}/policy"),
          Map.entry(
              "RemovePermission",
              "DELETE /2015-03-31/functions/{FunctionName}/policy/{StatementId}"),
          // Layers.
          Map.entry(
              "AddLayerVersionPermission",
              "POST /2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy"),
          Map.entry(
              "DeleteLayerVersion",
              "DELETE /2018-10-31/layers/{LayerName}/versions/{VersionNumber}"),
          Map.entry(
              "GetLayerVersion", "GET /2018-10-31/layers/{LayerName}/versions/{VersionNumber}"),
          Map.entry("GetLayerVersionByArn", "GET /2018-10-31/layers?find=LayerVersion"),
          Map.entry(
              "GetLayerVersionPolicy",
              "GET /2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy"),
          Map.entry("ListLayerVersions", "GET /2018-10-31/layers/{LayerName}/versions"),
          Map.entry("ListLayers", "GET /2018-10-31/layers"),
          Map.entry("PublishLayerVersion", "POST /2018-10-31/layers/{LayerName}/versions"),
          Map.entry(
              "RemoveLayerVersionPermission",
              "DELETE /2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy/{StatementId}"),
          // Event source mappings.
          Map.entry("CreateEventSourceMapping", "POST /2015-03-31/event-source-mappings"),
          Map.entry("DeleteEventSourceMapping", "DELETE /2015-03-31/event-source-mappings/{UUID}"),
          Map.entry("GetEventSourceMapping", "GET /2015-03-31/event-source-mappings/{UUID}"),
          Map.entry("ListEventSourceMappings", "GET /2015-03-31/event-source-mappings"),
          Map.entry("UpdateEventSourceMapping", "PUT /2015-03-31/event-source-mappings/{UUID}"),
          // Function URLs.
          Map.entry("CreateFunctionUrlConfig", "POST /2021-10-31/functions/{FunctionName}/url"),
          Map.entry("DeleteFunctionUrlConfig", "DELETE /2021-10-31/functions/{FunctionName}/url"),
          Map.entry("GetFunctionUrlConfig", "GET /2021-10-31/functions/{FunctionName}/url"),
          Map.entry("ListFunctionUrlConfigs", "GET /2021-10-31/functions/{FunctionName}/urls"),
          Map.entry("UpdateFunctionUrlConfig", "PUT /2021-10-31/functions/{FunctionName}/url"),
          // Code signing.
          Map.entry("CreateCodeSigningConfig", "POST /2020-04-22/code-signing-configs"),
          Map.entry(
              "DeleteCodeSigningConfig",
              "DELETE /2020-04-22/code-signing-configs/{CodeSigningConfigArn}"),
          Map.entry(
              "DeleteFunctionCodeSigningConfig",
              "DELETE /2020-06-30/functions/{FunctionName}/code-signing-config"),
          Map.entry(
              "GetCodeSigningConfig",
              "GET /2020-04-22/code-signing-configs/{CodeSigningConfigArn}"),
          Map.entry(
              "GetFunctionCodeSigningConfig",
              "GET /2020-06-30/functions/{FunctionName}/code-signing-config"),
          Map.entry("ListCodeSigningConfigs", "GET /2020-04-22/code-signing-configs"),
          Map.entry(
              "ListFunctionsByCodeSigningConfig",
              "GET /2020-04-22/code-signing-configs/{CodeSigningConfigArn}/functions"),
          Map.entry(
              "PutFunctionCodeSigningConfig",
              "PUT /2020-06-30/functions/{FunctionName}/code-signing-config"),
          Map.entry(
              "UpdateCodeSigningConfig",
              "PUT /2020-04-22/code-signing-configs/{CodeSigningConfigArn}"),
          // Recursion, runtime management and scaling settings.
          Map.entry(
              "GetFunctionRecursionConfig",
              "GET /2024-08-31/functions/{FunctionName}/recursion-config"),
          Map.entry(
              "GetFunctionScalingConfig",
              "GET /2025-11-30/functions/{FunctionName}/function-scaling-config"),
          Map.entry(
              "GetRuntimeManagementConfig",
              "GET /2021-07-20/functions/{FunctionName}/runtime-management-config"),
          Map.entry(
              "PutFunctionRecursionConfig",
              "PUT /2024-08-31/functions/{FunctionName}/recursion-config"),
          Map.entry(
              "PutFunctionScalingConfig",
              "PUT /2025-11-30/functions/{FunctionName}/function-scaling-config"),
          Map.entry(
              "PutRuntimeManagementConfig",
              "PUT /2021-07-20/functions/{FunctionName}/runtime-management-config"),
          // Capacity providers.
          Map.entry("CreateCapacityProvider", "POST /2025-11-30/capacity-providers"),
          Map.entry(
              "DeleteCapacityProvider",
              "DELETE /2025-11-30/capacity-providers/{CapacityProviderName}"),
          Map.entry(
              "GetCapacityProvider", "GET /2025-11-30/capacity-providers/{CapacityProviderName}"),
          Map.entry("ListCapacityProviders", "GET /2025-11-30/capacity-providers"),
          Map.entry(
              "ListFunctionVersionsByCapacityProvider",
              "GET /2025-11-30/capacity-providers/{CapacityProviderName}/function-versions"),
          Map.entry(
              "UpdateCapacityProvider",
              "PUT /2025-11-30/capacity-providers/{CapacityProviderName}"),
          // Durable executions.
          Map.entry(
              "CheckpointDurableExecution",
              "POST /2025-12-01/durable-executions/{DurableExecutionArn}/checkpoint"),
          Map.entry(
              "GetDurableExecution", "GET /2025-12-01/durable-executions/{DurableExecutionArn}"),
          Map.entry(
              "GetDurableExecutionHistory",
              "GET /2025-12-01/durable-executions/{DurableExecutionArn}/history"),
          Map.entry(
              "GetDurableExecutionState",
              "GET /2025-12-01/durable-executions/{DurableExecutionArn}/state"),
          Map.entry(
              "ListDurableExecutionsByFunction",
              "GET /2025-12-01/functions/{FunctionName}/durable-executions"),
          Map.entry(
              "SendDurableExecutionCallbackFailure",
              "POST /2025-12-01/durable-execution-callbacks/{CallbackId}/fail"),
          Map.entry(
              "SendDurableExecutionCallbackHeartbeat",
              "POST /2025-12-01/durable-execution-callbacks/{CallbackId}/heartbeat"),
          Map.entry(
              "SendDurableExecutionCallbackSuccess",
              "POST /2025-12-01/durable-execution-callbacks/{CallbackId}/succeed"),
          Map.entry(
              "StopDurableExecution",
              "POST /2025-12-01/durable-executions/{DurableExecutionArn}/stop"));
}
