package dev.gust.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.wire.Member;
import dev.gust.wire.ServiceModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the wire on the SQS send path, in JMH: decoding a {@code SendMessage} request and
 * encoding its reply with the model-driven codec, against the two hand-written styles it replaced
 * (reading members from a Jackson tree and writing a reply map; binding with Jackson's databind).
 * Run with {@code tests/benchmarks/run --suite wire} (JMH's options follow).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireBenchmark {

  /** The shape of SQS's SendMessage, declared as a service declares it. */
  sealed interface Queue {

    record SendMessage(
        String queueUrl,
        @Member.Length(min = 1, max = 262_144) String messageBody,
        @Member.Range(min = 0, max = 900) Optional<Integer> delaySeconds,
        Map<String, Attribute> messageAttributes,
        Optional<String> messageDeduplicationId,
        Optional<String> messageGroupId)
        implements Queue {}
  }

  record Attribute(Optional<String> stringValue, Optional<byte[]> binaryValue, String dataType) {}

  record Sent(
      String mD5OfMessageBody,
      Optional<String> mD5OfMessageAttributes,
      String messageId,
      Optional<String> sequenceNumber) {}

  /** What Jackson's databind binds the same body to. */
  record SendMessageBody(
      String queueUrl,
      String messageBody,
      Integer delaySeconds,
      Map<String, Map<String, String>> messageAttributes,
      String messageDeduplicationId,
      String messageGroupId) {}

  private static final ServiceModel<Queue> MODEL =
      ServiceModel.builder("sqs", Queue.class)
          .json("AmazonSQS", "application/x-amz-json-1.0")
          .build();

  private static final ObjectMapper MAPPER = dev.gust.wire.Json.pascalCase().mapper();

  private final byte[] body =
      """
      {"QueueUrl":"http://127.0.0.1:4566/000000000000/bench","MessageBody":"hello, queue",\
      "DelaySeconds":0,"MessageAttributes":{"trace":{"DataType":"String","StringValue":"abc"}}}\
      """
          .getBytes(StandardCharsets.UTF_8);

  private final Sent sent =
      new Sent(
          "5d41402abc4b2a76b9719d911017c592",
          Optional.of("9e107d9d372bb6826bd81d3542a419d6"),
          "8f14e45f-ceea-467f-a8f4-1d5a3f5e7a0c",
          Optional.empty());

  @Benchmark
  public Object modelDecode() {
    return MODEL.decodeJson("SendMessage", body);
  }

  @Benchmark
  public Object modelEncode() {
    return MODEL.encodeJson(sent);
  }

  @Benchmark
  public Object treeDecode() throws IOException {
    JsonNode node = MAPPER.readTree(body);
    String url = node.get("QueueUrl").asText();
    String message = node.get("MessageBody").asText();
    int delay = node.path("DelaySeconds").asInt(0);
    Map<String, String> attributes = new LinkedHashMap<>();
    node.path("MessageAttributes")
        .properties()
        .forEach(e -> attributes.put(e.getKey(), e.getValue().path("StringValue").asText()));
    return new Object[] {url, message, delay, attributes};
  }

  @Benchmark
  public Object mapEncode() throws IOException {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("MD5OfMessageBody", sent.mD5OfMessageBody());
    sent.mD5OfMessageAttributes().ifPresent(md5 -> reply.put("MD5OfMessageAttributes", md5));
    reply.put("MessageId", sent.messageId());
    return MAPPER.writeValueAsBytes(reply);
  }

  @Benchmark
  public Object databindDecode() throws IOException {
    return MAPPER.readValue(body, SendMessageBody.class);
  }
}
