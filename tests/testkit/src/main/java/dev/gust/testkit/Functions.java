package dev.gust.testkit;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/** Functions for server tests: a small Python function, created and awaited through the SDK. */
public final class Functions {

  /** The execution role every test function names; Gust does not assume it. */
  public static final String ROLE = "arn:aws:iam::000000000000:role/lambda";

  /** A Python handler that returns {@code {"ok": true}}. */
  public static final byte[] CODE = Zips.python("{'ok': True}");

  private Functions() {}

  /** A CreateFunction request for {@link #CODE} on Python 3.13, to adjust before sending. */
  public static CreateFunctionRequest.Builder python(String name) {
    return CreateFunctionRequest.builder()
        .functionName(name)
        .runtime("python3.13")
        .handler("handler.handler")
        .role(ROLE)
        .code(c -> c.zipFile(SdkBytes.fromByteArray(CODE)));
  }

  /** Creates the function and waits, with the SDK's own waiter, until it is Active. */
  public static FunctionConfiguration createActive(
      LambdaClient lambda, LambdaWaiter waiter, CreateFunctionRequest request) {
    lambda.createFunction(request);
    return waiter
        .waitUntilFunctionActiveV2(r -> r.functionName(request.functionName()))
        .matched()
        .response()
        .orElseThrow()
        .configuration();
  }
}
