package dev.gust.functions;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Returns the event with what the function sees of its environment: the context's fields, the
 * working directory and the Lambda variables. The runtime deserializes any JSON event (an object
 * becomes a map) and serializes the returned map to JSON, leaving out null values as AWS's does.
 */
public final class Echo implements RequestHandler<Object, Map<String, Object>> {

  private static final List<String> VARIABLES =
      List.of(
          "STAGE",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_REGION",
          "_HANDLER",
          "AWS_EXECUTION_ENV",
          "AWS_ENDPOINT_URL",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "TZ");

  private static final AtomicInteger INVOCATIONS = new AtomicInteger();

  @Override
  public Map<String, Object> handleRequest(Object event, Context context) {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("event", event);
    reply.put("count", INVOCATIONS.incrementAndGet());
    reply.put("functionName", context.getFunctionName());
    reply.put("functionVersion", context.getFunctionVersion());
    reply.put("invokedFunctionArn", context.getInvokedFunctionArn());
    reply.put("memoryLimitInMB", context.getMemoryLimitInMB());
    reply.put("awsRequestId", context.getAwsRequestId());
    reply.put("logGroupName", context.getLogGroupName());
    reply.put("logStreamName", context.getLogStreamName());
    reply.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
    ClientContext clientContext = context.getClientContext();
    reply.put("clientContextCustom", clientContext == null ? null : clientContext.getCustom());
    reply.put("cwd", Path.of("").toAbsolutePath().toString());
    Map<String, Object> env = new LinkedHashMap<>();
    for (String name : VARIABLES) {
      env.put(name, System.getenv(name));
    }
    reply.put("env", env);
    return reply;
  }
}
