package dev.gust.testkit;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Real AWS SDK clients pointed at a Gust endpoint, with throwaway credentials. */
public final class AwsClients {

  private AwsClients() {}

  public static LambdaClient lambda(String endpoint) {
    return lambda(endpoint, Region.US_EAST_1);
  }

  public static LambdaClient lambda(String endpoint, Region region) {
    return at(LambdaClient.builder(), endpoint, region).build();
  }

  /** A Lambda client with room for {@code connections} calls in flight at once. */
  public static LambdaClient lambda(String endpoint, int connections) {
    return pooled(at(LambdaClient.builder(), endpoint), connections).build();
  }

  /**
   * A Lambda client that does not retry, so that a test sees each throttle ({@code
   * TooManyRequestsException} is retried by default).
   */
  public static LambdaClient lambdaWithoutRetries(String endpoint) {
    return at(LambdaClient.builder(), endpoint)
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .build();
  }

  /** An SQS client with the SDK's defaults, message MD5 validation included. */
  public static SqsClient sqs(String endpoint) {
    return at(SqsClient.builder(), endpoint).build();
  }

  /** An SQS client with room for {@code connections} calls in flight at once. */
  public static SqsClient sqs(String endpoint, int connections) {
    return pooled(at(SqsClient.builder(), endpoint), connections).build();
  }

  public static SnsClient sns(String endpoint) {
    return at(SnsClient.builder(), endpoint).build();
  }

  public static EventBridgeClient eventBridge(String endpoint) {
    return at(EventBridgeClient.builder(), endpoint).build();
  }

  /**
   * The SDK's Lambda waiters, polling every 5 ms for up to 10 s: Gust settles a function in
   * milliseconds, so AWS's default delays would only slow tests down.
   */
  public static LambdaWaiter waiter(LambdaClient lambda) {
    return LambdaWaiter.builder()
        .client(lambda)
        .overrideConfiguration(
            WaiterOverrideConfiguration.builder()
                .maxAttempts(2000)
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(5)))
                .build())
        .build();
  }

  private static <B extends AwsClientBuilder<B, ?>> B at(B builder, String endpoint) {
    return at(builder, endpoint, Region.US_EAST_1);
  }

  /** Points a client at Gust, in {@code region}, with throwaway credentials. */
  private static <B extends AwsClientBuilder<B, ?>> B at(
      B builder, String endpoint, Region region) {
    return builder
        .endpointOverride(URI.create(endpoint))
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
  }

  /** Room for {@code connections} calls in flight at once, each allowed a minute. */
  private static <B extends SdkSyncClientBuilder<B, ?>> B pooled(B builder, int connections) {
    return builder.httpClientBuilder(
        Apache5HttpClient.builder()
            .maxConnections(connections)
            .socketTimeout(Duration.ofSeconds(60)));
  }
}
