package dev.gust.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gust.testkit.AwsClients;
import dev.gust.testkit.Zips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * What Gust acknowledged survives a SIGKILL: functions with their versions, aliases, tags, reserved
 * concurrency, updated configuration and code, including functions created concurrently right up to
 * the moment of the crash.
 */
class CrashDurabilityTest {

  private static final String ROLE = "arn:aws:iam::000000000000:role/lambda";
  private static final byte[] CODE = Zips.python("1");
  private static final int FUNCTIONS = 20;
  private static final int WRITERS = 4;
  private static final int ACKS_BEFORE_KILL = 40;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** What a user can read back about one function, apart from the port-specific code link. */
  record Stored(
      FunctionConfiguration latest,
      Map<String, String> tags,
      Integer reservedConcurrency,
      List<FunctionConfiguration> versions,
      List<AliasConfiguration> aliases) {}

  /** A CreateFunction sent while the crash approaches, and its response if it was acknowledged. */
  record Attempt(String name, byte[] zip, Map<String, String> env, CreateFunctionResponse ack) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everythingAcknowledgedSurvivesSigkill(@TempDir Path dataDir) throws Exception {
    Map<String, Stored> before = new TreeMap<>();
    Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    try (GustProcess gust = GustProcess.start(dataDir);
        LambdaClient lambda = AwsClients.lambda(gust.url());
        LambdaWaiter waiter = fastWaiter(lambda)) {
      buildEstate(lambda, waiter);
      for (int i = 0; i < FUNCTIONS; i++) {
        before.put(name(i), stored(lambda, name(i)));
      }

      int status = createConcurrentlyAndKill(gust, attempts);

      assertThat(status)
          .as("killed by SIGKILL\n" + gust.describe())
          .isEqualTo(GustProcess.EXIT_SIGKILL);
      assertThat(gust.stdout()).doesNotContain("Gust stopped");
    }
    List<Attempt> acknowledged = attempts.values().stream().filter(a -> a.ack() != null).toList();
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    assertThat(attempts.values()).as("creates cut off by the kill").anyMatch(a -> a.ack() == null);
    assertThat(acknowledged)
        .allSatisfy(a -> assertThat(a.ack().sdkHttpResponse().statusCode()).isEqualTo(201));

    try (GustProcess gust = GustProcess.start(dataDir);
        LambdaClient lambda = AwsClients.lambda(gust.url());
        LambdaWaiter waiter = fastWaiter(lambda)) {
      assertThat(get(gust.url() + "/_gust/health").statusCode()).isEqualTo(200);

      for (Map.Entry<String, Stored> entry : before.entrySet()) {
        String name = entry.getKey();
        assertThat(stored(lambda, name)).as(name).isEqualTo(entry.getValue());
        GetFunctionResponse got = lambda.getFunction(r -> r.functionName(name));
        assertThat(download(got.code().location())).as(name + " code").isEqualTo(CODE);
      }

      for (Attempt attempt : acknowledged) {
        String name = attempt.name();
        CreateFunctionResponse acked = attempt.ack();
        FunctionConfiguration now =
            waiter
                .waitUntilFunctionActiveV2(r -> r.functionName(name))
                .matched()
                .response()
                .orElseThrow(() -> new AssertionError(name + " never became active"))
                .configuration();
        assertThat(now.functionArn()).as(name).isEqualTo(acked.functionArn());
        assertThat(now.codeSha256())
            .as(name)
            .isEqualTo(acked.codeSha256())
            .isEqualTo(sha256(attempt.zip()));
        assertThat(now.codeSize()).as(name).isEqualTo(acked.codeSize());
        assertThat(now.memorySize()).as(name).isEqualTo(acked.memorySize()).isEqualTo(192);
        assertThat(now.environment().variables()).as(name).isEqualTo(attempt.env());
        assertThat(now.handler()).as(name).isEqualTo(acked.handler());
        assertThat(now.runtime()).as(name).isEqualTo(acked.runtime());
        assertThat(now.state()).as(name).isEqualTo(State.ACTIVE);
        String location = lambda.getFunction(r -> r.functionName(name)).code().location();
        assertThat(download(location)).as(name + " code").isEqualTo(attempt.zip());
      }

      // A create in flight at the crash either happened completely or not at all.
      for (Attempt attempt : attempts.values()) {
        if (attempt.ack() != null) {
          continue;
        }
        Throwable missing =
            catchThrowable(() -> lambda.getFunction(r -> r.functionName(attempt.name())));
        if (missing == null) {
          GetFunctionResponse got = lambda.getFunction(r -> r.functionName(attempt.name()));
          assertThat(got.configuration().codeSha256()).isEqualTo(sha256(attempt.zip()));
          assertThat(download(got.code().location())).isEqualTo(attempt.zip());
        } else {
          assertThat(missing).isInstanceOf(ResourceNotFoundException.class);
        }
      }

      Set<String> listed = ConcurrentHashMap.newKeySet();
      lambda.listFunctionsPaginator().functions().forEach(f -> listed.add(f.functionName()));
      assertThat(listed).containsAll(before.keySet());
      assertThat(listed).containsAll(acknowledged.stream().map(Attempt::name).toList());

      gust.terminate();
      assertThat(gust.stdout()).as(gust.describe()).contains("Gust stopped");
    } finally {
      http.close();
    }
  }

  /** Twenty functions with updates, versions, aliases, reserved concurrency and tags. */
  private static void buildEstate(LambdaClient lambda, LambdaWaiter waiter) {
    for (int i = 0; i < FUNCTIONS; i++) {
      int index = i;
      lambda.createFunction(
          r -> {
            r.functionName(name(index))
                .runtime(Runtime.PYTHON3_13)
                .handler("handler.handler")
                .role(ROLE)
                .memorySize(128)
                .environment(e -> e.variables(Map.of("INDEX", String.valueOf(index))))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(CODE)));
            if (index == 3) {
              r.tags(Map.of("created-with", "tags"));
            }
          });
    }
    for (int i = 0; i < FUNCTIONS; i++) {
      String name = name(i);
      assertThat(
              waiter
                  .waitUntilFunctionActiveV2(r -> r.functionName(name))
                  .matched()
                  .response()
                  .orElseThrow()
                  .configuration()
                  .state())
          .isEqualTo(State.ACTIVE);
    }

    List<String> updated = new ArrayList<>();
    for (int i = 0; i < FUNCTIONS; i += 2) {
      int index = i;
      lambda.updateFunctionConfiguration(
          r ->
              r.functionName(name(index))
                  .memorySize(256)
                  .environment(
                      e ->
                          e.variables(Map.of("INDEX", String.valueOf(index), "STAGE", "updated"))));
      updated.add(name(index));
    }
    awaitUpdated(waiter, updated);

    for (int i = 0; i < FUNCTIONS; i++) {
      int index = i;
      assertThat(lambda.publishVersion(r -> r.functionName(name(index))).version()).isEqualTo("1");
    }
    List<String> republished = new ArrayList<>();
    for (int i = 0; i < FUNCTIONS; i += 5) {
      int index = i;
      lambda.updateFunctionConfiguration(r -> r.functionName(name(index)).memorySize(512));
      republished.add(name(index));
    }
    awaitUpdated(waiter, republished);
    for (String name : republished) {
      assertThat(lambda.publishVersion(r -> r.functionName(name)).version()).isEqualTo("2");
    }

    for (int i = 0; i < FUNCTIONS; i += 4) {
      int index = i;
      lambda.createAlias(r -> r.functionName(name(index)).name("live").functionVersion("1"));
    }
    lambda.createAlias(
        r -> r.functionName(name(0)).name("canary").functionVersion("2").description("next"));
    lambda.putFunctionConcurrency(r -> r.functionName(name(1)).reservedConcurrentExecutions(7));
    String taggedArn =
        lambda.getFunction(r -> r.functionName(name(2))).configuration().functionArn();
    lambda.tagResource(r -> r.resource(taggedArn).tags(Map.of("team", "core", "tier", "gold")));
  }

  private static void awaitUpdated(LambdaWaiter waiter, List<String> names) {
    for (String name : names) {
      assertThat(
              waiter
                  .waitUntilFunctionUpdatedV2(r -> r.functionName(name))
                  .matched()
                  .response()
                  .orElseThrow()
                  .configuration()
                  .lastUpdateStatus())
          .isEqualTo(LastUpdateStatus.SUCCESSFUL);
    }
  }

  /**
   * Creates functions from several threads until the server dies, and kills it with SIGKILL once
   * {@link #ACKS_BEFORE_KILL} creates have been acknowledged, so creates are in flight at the kill.
   */
  private static int createConcurrentlyAndKill(GustProcess gust, Map<String, Attempt> attempts)
      throws Exception {
    AtomicInteger acks = new AtomicInteger();
    AtomicBoolean killing = new AtomicBoolean();
    CompletableFuture<Void> enoughAcks = new CompletableFuture<>();
    List<Throwable> failuresBeforeKill = new ArrayList<>();
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try (LambdaClient burst = noRetryClient(gust.url())) {
      List<CompletableFuture<Void>> running =
          IntStream.range(0, WRITERS)
              .mapToObj(
                  w ->
                      CompletableFuture.runAsync(
                          () -> {
                            for (int n = 0; ; n++) {
                              String name = "burst-" + w + "-" + n;
                              byte[] zip = Zips.python("\"" + name + "\"");
                              Map<String, String> env = Map.of("WRITER", "w" + w, "SEQ", "" + n);
                              attempts.put(name, new Attempt(name, zip, env, null));
                              try {
                                CreateFunctionResponse ack =
                                    burst.createFunction(
                                        CreateFunctionRequest.builder()
                                            .functionName(name)
                                            .runtime(Runtime.PYTHON3_13)
                                            .handler("handler.handler")
                                            .role(ROLE)
                                            .memorySize(192)
                                            .environment(e -> e.variables(env))
                                            .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))
                                            .build());
                                attempts.put(name, new Attempt(name, zip, env, ack));
                                if (acks.incrementAndGet() >= ACKS_BEFORE_KILL) {
                                  enoughAcks.complete(null);
                                }
                              } catch (RuntimeException e) {
                                if (!killing.get()) {
                                  synchronized (failuresBeforeKill) {
                                    failuresBeforeKill.add(e);
                                  }
                                }
                                return;
                              }
                            }
                          },
                          writers))
              .toList();
      CompletableFuture<Void> allStopped =
          CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
      CompletableFuture.anyOf(enoughAcks, allStopped).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      killing.set(true);
      int status = gust.kill9();
      allStopped.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertThat(failuresBeforeKill).as("creates that failed before the kill").isEmpty();
      return status;
    } finally {
      writers.shutdownNow();
      writers.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static Stored stored(LambdaClient lambda, String name) {
    GetFunctionResponse got = lambda.getFunction(r -> r.functionName(name));
    return new Stored(
        got.configuration(),
        new HashMap<>(got.tags()),
        got.concurrency() == null ? null : got.concurrency().reservedConcurrentExecutions(),
        lambda.listVersionsByFunctionPaginator(r -> r.functionName(name)).versions().stream()
            .toList(),
        lambda.listAliasesPaginator(r -> r.functionName(name)).aliases().stream().toList());
  }

  private static String name(int i) {
    return String.format("durable-%02d", i);
  }

  private static LambdaWaiter fastWaiter(LambdaClient lambda) {
    return LambdaWaiter.builder()
        .client(lambda)
        .overrideConfiguration(
            o ->
                o.backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(50)))
                    .maxAttempts(600)
                    .waitTimeout(DEADLINE))
        .build();
  }

  /** A client that never retries, so each call is one request and its outcome is final. */
  private static LambdaClient noRetryClient(String endpoint) {
    return LambdaClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private byte[] download(String location) throws Exception {
    HttpResponse<byte[]> response = get(location);
    assertThat(response.statusCode()).as(location).isEqualTo(200);
    return response.body();
  }

  private static String sha256(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
