package dev.gust.wire;

import dev.gust.core.AwsException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The AWS wire protocols a route can speak; each has its own error shape. */
public enum Protocol {
  /**
   * REST-JSON (Lambda, API Gateway): error code in {@code x-amzn-ErrorType}, {@code Type}/{@code
   * message} body.
   */
  REST_JSON {
    @Override
    public HttpResponse error(AwsException error) {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("Type", error.type().fault().wireName());
      body.put("message", error.getMessage());
      body.putAll(error.fields());
      return HttpResponse.json(error.type().status(), Json.pascalCase().write(body))
          .withHeader("x-amzn-ErrorType", error.type().code());
    }
  },
  /**
   * JSON 1.0/1.1 (SQS, EventBridge, Step Functions, Kinesis): {@code __type}/{@code message} body.
   */
  JSON {
    @Override
    public HttpResponse error(AwsException error) {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("__type", error.type().code());
      body.put("message", error.getMessage());
      body.putAll(error.fields());
      return HttpResponse.of(
              error.type().status(), "application/x-amz-json-1.0", Json.pascalCase().write(body))
          .withHeader("x-amzn-ErrorType", error.type().code());
    }
  };

  /** The reply that reports the error to a client of this protocol. */
  public abstract HttpResponse error(AwsException error);
}
