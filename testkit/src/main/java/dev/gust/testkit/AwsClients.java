package dev.gust.testkit;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
    return LambdaClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  /** A Lambda client with room for {@code connections} calls in flight at once. */
  public static LambdaClient lambda(String endpoint, int connections) {
    return LambdaClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(
            Apache5HttpClient.builder()
                .maxConnections(connections)
                .socketTimeout(Duration.ofSeconds(60)))
        .build();
  }

  /**
   * A Lambda client that does not retry, so that a test sees each throttle ({@code
   * TooManyRequestsException} is retried by default).
   */
  public static LambdaClient lambdaWithoutRetries(String endpoint) {
    return LambdaClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .build();
  }

  /** An SQS client with the SDK's defaults, message MD5 validation included. */
  public static SqsClient sqs(String endpoint) {
    return SqsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  /** An SQS client with room for {@code connections} calls in flight at once. */
  public static SqsClient sqs(String endpoint, int connections) {
    return SqsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(
            Apache5HttpClient.builder()
                .maxConnections(connections)
                .socketTimeout(Duration.ofSeconds(60)))
        .build();
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

  public static SnsClient sns(String endpoint) {
    return SnsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  public static EventBridgeClient eventBridge(String endpoint) {
    return EventBridgeClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }
}
