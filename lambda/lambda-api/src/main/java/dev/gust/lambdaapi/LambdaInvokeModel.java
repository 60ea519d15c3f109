package dev.gust.lambdaapi;

import dev.gust.core.Violations;
import dev.gust.invoke.EventInvocations;
import dev.gust.wire.Member;
import dev.gust.wire.Operation;
import dev.gust.wire.ServiceModel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Lambda's invoke-side operations on REST-JSON, declared once: invocation ({@link Invocations},
 * served by {@link InvokeApi}), provisioned concurrency configurations ({@link
 * ProvisionedConcurrencyConfigs}, {@link ProvisionedConcurrencyApi}) and asynchronous invocation
 * configurations ({@link EventInvokeConfigs}, {@link EventInvokeConfigApi}). Each part is a sealed
 * interface its component switches over; {@link #MODEL} is the one model of all three, with the
 * constraints of Lambda's API reference on every member and the replies as records.
 *
 * <p>Not served yet: {@code InvokeWithResponseStream}, whose reply is an event stream.
 */
sealed interface LambdaInvokeModel {

  /** A function name, ARN or partial ARN, qualified or not, as most operations accept it. */
  String FUNCTION_NAME =
      "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
          + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

  /** A function reference as the invocation operations accept it: its name may hold dots. */
  String NAMESPACED_FUNCTION_NAME =
      "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
          + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

  /** A version number or alias name. */
  String QUALIFIER = "(|[a-zA-Z0-9$_-]+)";

  /** The ARN of a destination (a queue, topic, event bus or function), or nothing. */
  String DESTINATION =
      "^$|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1})?"
          + ":(\\d{12})?:(.*)";

  /** Lambda's synchronous request payload limit: 6 MB. */
  long MAX_PAYLOAD = 6_291_456L;

  String PROVISIONED = "/2019-09-30/functions/{FunctionName}/provisioned-concurrency";
  String EVENT_INVOKE_CONFIG = "/2019-09-25/functions/{FunctionName}/event-invoke-config";

  ServiceModel<LambdaInvokeModel> MODEL =
      ServiceModel.builder("lambda", LambdaInvokeModel.class)
          .rest()
          .serializationError(LambdaErrors.INVALID_REQUEST_CONTENT)
          .validationError(Violations.VALIDATION)
          .unsupported(Invocations.Unsupported::new, "InvokeWithResponseStream")
          .build();

  // ---- invocation -----------------------------------------------------------------------------

  /** Invoking a function: synchronously, as an event, as a dry run, or the deprecated way. */
  sealed interface Invocations extends LambdaInvokeModel {

    /**
     * Invokes a function, version or alias. The payload is the raw body, handed on unread beyond a
     * JSON syntax check. {@code traceId} is not a member of AWS's model: it is the X-Ray trace
     * header any request may carry, from which an event learns how many asynchronous hops led to
     * it.
     */
    @Operation(
        http = "POST /2015-03-31/functions/{FunctionName}/invocations",
        maxBody = MAX_PAYLOAD)
    record Invoke(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 170)
            @Member.Pattern(NAMESPACED_FUNCTION_NAME)
            String functionName,
        @Member.Header("X-Amz-Invocation-Type") Optional<InvocationType> invocationType,
        @Member.Header("X-Amz-Log-Type") Optional<LogType> logType,
        @Member.Header("X-Amz-Client-Context") Optional<String> clientContext,
        @Member.QueryString("Qualifier")
            @Member.Length(min = 1, max = 128)
            @Member.Pattern(QUALIFIER)
            Optional<String> qualifier,
        @Member.Header("X-Amzn-Trace-Id") Optional<String> traceId,
        @Member.Payload byte[] payload)
        implements Invocations {}

    /** The deprecated asynchronous invocation: an {@code Event} invoke answered with its status. */
    @Operation(
        http = "POST /2014-11-13/functions/{FunctionName}/invoke-async/",
        status = 202,
        maxBody = EventInvocations.MAX_EVENT_PAYLOAD)
    record InvokeAsync(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 170)
            @Member.Pattern(NAMESPACED_FUNCTION_NAME)
            String functionName,
        @Member.Header("X-Amzn-Trace-Id") Optional<String> traceId,
        @Member.Payload byte[] invokeArgs)
        implements Invocations {}

    /** An invocation operation of AWS's API that Gust does not serve yet. */
    record Unsupported(String operation) implements Invocations {}
  }

  enum InvocationType {
    EVENT("Event"),
    REQUEST_RESPONSE("RequestResponse"),
    DRY_RUN("DryRun");

    private final String wire;

    InvocationType(String wire) {
      this.wire = wire;
    }

    @Override
    public String toString() {
      return wire;
    }
  }

  enum LogType {
    TAIL("Tail"),
    NONE("None");

    private final String wire;

    LogType(String wire) {
      this.wire = wire;
    }

    @Override
    public String toString() {
      return wire;
    }
  }

  /**
   * The reply to {@code Invoke}: 200 with the function's payload, 202 for an accepted event, 204
   * for a dry run; the headers only for an invocation that ran.
   */
  record InvokeReply(
      @Member.Status int statusCode,
      @Member.Header("X-Amz-Function-Error") Optional<String> functionError,
      @Member.Header("X-Amz-Log-Result") Optional<String> logResult,
      @Member.Header("X-Amz-Executed-Version") Optional<String> executedVersion,
      @Member.Payload Optional<byte[]> payload) {

    /** A reply of a status alone: no headers, no body. */
    static InvokeReply of(int statusCode) {
      return new InvokeReply(
          statusCode, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** The reply to {@code InvokeAsync}: its status, in the body too. */
  record InvokeAsyncReply(Integer status) {}

  // ---- provisioned concurrency ----------------------------------------------------------------

  /** The provisioned concurrency configurations of published versions and aliases. */
  sealed interface ProvisionedConcurrencyConfigs extends LambdaInvokeModel {

    @Operation(http = "PUT " + PROVISIONED, status = 202)
    record PutProvisionedConcurrencyConfig(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Qualifier")
            @Member.Length(min = 1, max = 128)
            @Member.Pattern(QUALIFIER)
            String qualifier,
        @Member.Range(min = 1) Integer provisionedConcurrentExecutions)
        implements ProvisionedConcurrencyConfigs {}

    @Operation(http = "GET " + PROVISIONED)
    record GetProvisionedConcurrencyConfig(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Qualifier")
            @Member.Length(min = 1, max = 128)
            @Member.Pattern(QUALIFIER)
            String qualifier)
        implements ProvisionedConcurrencyConfigs {}

    @Operation(http = "DELETE " + PROVISIONED, status = 204)
    record DeleteProvisionedConcurrencyConfig(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Qualifier")
            @Member.Length(min = 1, max = 128)
            @Member.Pattern(QUALIFIER)
            String qualifier)
        implements ProvisionedConcurrencyConfigs {}

    /** Shares Get's method and path; the {@code List=ALL} literal tells it apart. */
    @Operation(http = "GET " + PROVISIONED + "?List=ALL")
    record ListProvisionedConcurrencyConfigs(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Marker") Optional<String> marker,
        @Member.QueryString("MaxItems") @Member.Range(min = 1, max = 50) Optional<Integer> maxItems)
        implements ProvisionedConcurrencyConfigs {}
  }

  enum ProvisionedConcurrencyStatus {
    IN_PROGRESS,
    READY,
    FAILED
  }

  /**
   * A configuration as Put and Get answer it. {@code LastModified} is a text timestamp without
   * milliseconds, such as {@code 2019-12-31T20:28:49+0000}.
   */
  record ProvisionedConcurrencyConfigReply(
      Integer requestedProvisionedConcurrentExecutions,
      Integer availableProvisionedConcurrentExecutions,
      Integer allocatedProvisionedConcurrentExecutions,
      ProvisionedConcurrencyStatus status,
      Optional<String> statusReason,
      String lastModified) {}

  /** A configuration as List answers it: the same, with the ARN of the version or alias. */
  record ProvisionedConcurrencyConfigListItem(
      String functionArn,
      Integer requestedProvisionedConcurrentExecutions,
      Integer availableProvisionedConcurrentExecutions,
      Integer allocatedProvisionedConcurrentExecutions,
      ProvisionedConcurrencyStatus status,
      Optional<String> statusReason,
      String lastModified) {}

  /** One page of configurations; the list is always written, empty or not. */
  record ProvisionedConcurrencyConfigPage(
      Optional<String> nextMarker,
      Optional<List<ProvisionedConcurrencyConfigListItem>> provisionedConcurrencyConfigs) {}

  // ---- asynchronous invocation configurations -------------------------------------------------

  /** The asynchronous invocation configurations of {@code $LATEST}, versions and aliases. */
  sealed interface EventInvokeConfigs extends LambdaInvokeModel {

    /** Creates or replaces a configuration: the settings left out are removed. */
    @Operation(http = "PUT " + EVENT_INVOKE_CONFIG)
    record PutFunctionEventInvokeConfig(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Qualifier")
            @Member.Length(min = 1, max = 128)
            @Member.Pattern(QUALIFIER)
            Optional<String> qualifier,
        @Member.Range(min = 0, max = 2) Optional<Integer> maximumRetryAttempts,
        @Member.Range(min = 60, max = 21_600) Optional<Integer> maximumEventAgeInSeconds,
        Optional<DestinationConfig> destinationConfig)
        implements EventInvokeConfigs {}

    /** Changes the settings given and keeps the others. */
    @Operation(http = "POST " + EVENT_INVOKE_CONFIG)
    record UpdateFunctionEventInvokeConfig(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Qualifier")
            @Member.Length(min = 1, max = 128)
            @Member.Pattern(QUALIFIER)
            Optional<String> qualifier,
        @Member.Range(min = 0, max = 2) Optional<Integer> maximumRetryAttempts,
        @Member.Range(min = 60, max = 21_600) Optional<Integer> maximumEventAgeInSeconds,
        Optional<DestinationConfig> destinationConfig)
        implements EventInvokeConfigs {}

    @Operation(http = "GET " + EVENT_INVOKE_CONFIG)
    record GetFunctionEventInvokeConfig(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Qualifier")
            @Member.Length(min = 1, max = 128)
            @Member.Pattern(QUALIFIER)
            Optional<String> qualifier)
        implements EventInvokeConfigs {}

    @Operation(http = "DELETE " + EVENT_INVOKE_CONFIG, status = 204)
    record DeleteFunctionEventInvokeConfig(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Qualifier")
            @Member.Length(min = 1, max = 128)
            @Member.Pattern(QUALIFIER)
            Optional<String> qualifier)
        implements EventInvokeConfigs {}

    @Operation(http = "GET " + EVENT_INVOKE_CONFIG + "/list")
    record ListFunctionEventInvokeConfigs(
        @Member.Path("FunctionName")
            @Member.Length(min = 1, max = 140)
            @Member.Pattern(FUNCTION_NAME)
            String functionName,
        @Member.QueryString("Marker") Optional<String> marker,
        @Member.QueryString("MaxItems") @Member.Range(min = 1, max = 50) Optional<Integer> maxItems)
        implements EventInvokeConfigs {}
  }

  /**
   * Where records of asynchronous invocations go. In a reply both members are always present, an
   * empty object when unset.
   */
  record DestinationConfig(Optional<Destination> onSuccess, Optional<Destination> onFailure) {}

  /** One destination ({@code OnSuccess} or {@code OnFailure}): an ARN, or nothing. */
  record Destination(
      @Member.Length(min = 0, max = 350) @Member.Pattern(DESTINATION)
          Optional<String> destination) {}

  /**
   * A {@code FunctionEventInvokeConfig}. {@code LastModified} is a timestamp in Unix seconds with
   * milliseconds, all three digits written.
   */
  record FunctionEventInvokeConfig(
      BigDecimal lastModified,
      String functionArn,
      Optional<Integer> maximumRetryAttempts,
      Optional<Integer> maximumEventAgeInSeconds,
      DestinationConfig destinationConfig) {}

  /** One page of configurations; the list is always written, empty or not. */
  record FunctionEventInvokeConfigPage(
      Optional<String> nextMarker,
      Optional<List<FunctionEventInvokeConfig>> functionEventInvokeConfigs) {}
}
