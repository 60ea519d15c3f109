package dev.gust.testkit;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

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
}
