package dev.gust.benchmarks;

import dev.gust.testkit.JavaFunctions;
import dev.gust.testkit.RuntimeFixture.Behaviour;
import dev.gust.testkit.Zips;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The function a runtime is measured with: as close to a no-op as the runtime allows, so that the
 * numbers show the platform and the runtime's own start, not the handler.
 *
 * @param key the name used on the command line ({@code python})
 * @param runtime the Lambda runtime identifier ({@code python3.13})
 * @param handler the function's {@code Handler}
 * @param zip the deployment package
 * @param note what differs from a no-op, or the empty string
 * @param prepared a glob, relative to the node's data directory, naming what the node prepares in
 *     the background at the runtime's first cold start to make the later ones fast (the Java
 *     class-data archive); empty if nothing
 */
record Workload(
    String key, String runtime, String handler, byte[] zip, String note, String prepared) {

  /** Every runtime key, in report order. */
  static final List<String> KEYS = List.of("python", "node", "java", "java17", "provided");

  /**
   * The workload for a key. Java's is built from {@code gust-java-functions}; a failure to build it
   * is reported by the caller as a skipped runtime.
   */
  static Workload of(String key) {
    return switch (key) {
      case "python" ->
          new Workload(
              key,
              "python3.13",
              "h.handler",
              Zips.of(Map.of("h.py", "def handler(e, c):\n    return None\n")),
              "",
              "");
      case "node" ->
          new Workload(
              key,
              "nodejs22.x",
              "index.handler",
              Zips.of(Map.of("index.js", "exports.handler = async () => null;\n")),
              "",
              "");
      case "java" -> java(key, "java21");
      // On a JDK 17 to 24 (java17 runs on JDK 17 on the reference machine), which the node starts
      // stem cells for; java21 falls back to JDK 25 there, which has none.
      case "java17" -> java(key, "java17");
      case "provided" ->
          new Workload(
              key,
              "provided.al2023",
              "noop",
              Zips.withModes(
                  Map.of("bootstrap", PROVIDED_BOOTSTRAP, "loop.py", PROVIDED_LOOP),
                  Set.of("bootstrap")),
              "bootstrap is sh exec'ing a Python http.client loop",
              "");
      default -> throw new IllegalArgumentException("unknown runtime " + key);
    };
  }

  private static Workload java(String key, String runtime) {
    return new Workload(
        key,
        runtime,
        JavaFunctions.fixture(runtime).handler(Behaviour.ECHO),
        JavaFunctions.zip(),
        "handler is gust-java-functions' Echo (returns a small map), not a no-op",
        "runtimes/java/jdk-*.{aot,jsa}");
  }

  private static final String PROVIDED_BOOTSTRAP =
      """
      #!/bin/sh
      exec /usr/bin/python3 -u "$LAMBDA_TASK_ROOT/loop.py"
      """;

  /** A Runtime API client on one keep-alive connection that answers every event with null. */
  private static final String PROVIDED_LOOP =
      """
      import http.client, os
      host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].rsplit(":", 1)
      api = http.client.HTTPConnection(host, int(port))
      while True:
          api.request("GET", "/2018-06-01/runtime/invocation/next")
          reply = api.getresponse()
          reply.read()
          request_id = reply.getheader("Lambda-Runtime-Aws-Request-Id")
          api.request("POST", "/2018-06-01/runtime/invocation/" + request_id + "/response", b"null")
          api.getresponse().read()
      """;
}
