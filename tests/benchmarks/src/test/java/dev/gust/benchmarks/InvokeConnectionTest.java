package dev.gust.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The raw client against a scripted server: what it sends and how it frames replies. */
class InvokeConnectionTest {

  private final ServerSocket server;

  InvokeConnectionTest() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  /** Accepts one connection, reads one request per reply, answers each in one-byte writes. */
  private CompletableFuture<String> serve(List<String> replies) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String first = "";
            for (String reply : replies) {
              String request = readRequest(in);
              first = first.isEmpty() ? request : first;
              for (byte b : reply.getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
                out.flush();
              }
            }
            return first;
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** The request head and its two-byte body. */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (!bytes.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
      bytes.write(in.read());
    }
    bytes.write(in.readNBytes(2));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sendsAnInvokeAndReadsRepliesOneAfterTheOtherOnOneConnection() throws Exception {
    CompletableFuture<String> request =
        serve(
            List.of(
                "HTTP/1.1 200 OK\r\ncontent-length: 4\r\nX-Other: 1\r\n\r\nnull",
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCONTENT-LENGTH: 2\r\n\r\n{}"));
    try (InvokeConnection connection =
        new InvokeConnection("127.0.0.1", server.getLocalPort(), "my-fn")) {
      assertThat(connection.invoke()).isEmpty();
      assertThat(connection.invoke()).isEmpty();
    }

    assertThat(request.get())
        .startsWith("POST /2015-03-31/functions/my-fn/invocations HTTP/1.1\r\n")
        .contains("Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/")
        .contains("Content-Length: 2\r\n")
        .endsWith("\r\n\r\n{}");
  }

  @Test
  void aThrottleOrAFunctionErrorIsReportedWithItsStatusTypeAndBody() throws Exception {
    serve(
        List.of(
            "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 9\r\n\r\nslow down",
            "HTTP/1.1 200 OK\r\nX-Amz-Function-Error: Unhandled\r\nContent-Length: 7\r\n\r\n{\"e\":1}"));
    try (InvokeConnection connection =
        new InvokeConnection("127.0.0.1", server.getLocalPort(), "f")) {
      assertThat(connection.invoke()).isEqualTo(Optional.of("429: slow down"));
      assertThat(connection.invoke()).isEqualTo(Optional.of("200 Unhandled: {\"e\":1}"));
    }
  }

  @Test
  void aReplyWithoutContentLengthBreaksTheConnection() {
    serve(List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    assertThatThrownBy(
            () -> {
              try (InvokeConnection connection =
                  new InvokeConnection("127.0.0.1", server.getLocalPort(), "f")) {
                connection.invoke();
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("without Content-Length");
  }
}
