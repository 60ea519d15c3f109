package dev.gust.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * One blocking HTTP/1.1 keep-alive connection that sends the same synchronous Invoke over and over:
 * {@code POST /2015-03-31/functions/<name>/invocations} with the event {@code {}}, the request
 * bytes built once (or with an event of the caller's). A reply is read by its {@code
 * Content-Length}; only the status line and the two headers that matter are looked at, so that the
 * client costs as little CPU as possible next to the server it measures.
 *
 * <p>The {@code Authorization} header is a fixed fake SigV4 one, as an AWS SDK would send: Gust
 * reads the credential scope (for the region) but does not verify signatures. Not thread-safe: one
 * thread per connection.
 */
final class InvokeConnection implements AutoCloseable {

  private static final String AUTHORIZATION =
      "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request,"
          + " SignedHeaders=host, Signature=0";

  /** A reply slower than this breaks the run instead of hanging it. */
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.UTF_8);
  private static final byte[] FUNCTION_ERROR =
      "x-amz-function-error:".getBytes(StandardCharsets.UTF_8);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private static final byte[] EMPTY_EVENT = "{}".getBytes(StandardCharsets.UTF_8);

  private final byte[] head;
  private final byte[] request;
  private final int expectedStatus;
  private final byte[] buffer = new byte[16 * 1024];
  private int position;
  private int limit;
  private int lineFrom;
  private int lineTo;

  /** Connects to {@code host:port}; the function is invoked by its name, synchronously. */
  InvokeConnection(String host, int port, String function) throws IOException {
    this(host, port, function, "RequestResponse");
  }

  /**
   * Connects to {@code host:port}; the function is invoked by its name with {@code invocationType}
   * ({@code RequestResponse} answers 200, {@code Event} 202, {@code DryRun} 204).
   */
  InvokeConnection(String host, int port, String function, String invocationType)
      throws IOException {
    expectedStatus =
        switch (invocationType) {
          case "Event" -> 202;
          case "DryRun" -> 204;
          default -> 200;
        };
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
    socket.connect(new InetSocketAddress(host, port), (int) REPLY_TIMEOUT.toMillis());
    in = socket.getInputStream();
    out = socket.getOutputStream();
    head =
        ("POST /2015-03-31/functions/"
                + function
                + "/invocations HTTP/1.1\r\n"
                + "Host: "
                + host
                + ":"
                + port
                + "\r\n"
                + "Authorization: "
                + AUTHORIZATION
                + "\r\n"
                + "Content-Type: application/json\r\n"
                + "X-Amz-Invocation-Type: "
                + invocationType
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8);
    request = request(EMPTY_EVENT);
  }

  private byte[] request(byte[] event) {
    byte[] length =
        ("Content-Length: " + event.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = Arrays.copyOf(head, head.length + length.length + event.length);
    System.arraycopy(length, 0, bytes, head.length, length.length);
    System.arraycopy(event, 0, bytes, head.length + length.length, event.length);
    return bytes;
  }

  /**
   * Sends one Invoke and reads its whole reply.
   *
   * @return empty on the expected status without a function error, else what went wrong (status,
   *     error type and the start of the body)
   * @throws IOException if the connection fails or the reply is not framed by Content-Length
   */
  Optional<String> invoke() throws IOException {
    return send(request);
  }

  /** {@link #invoke()} with {@code event} as the payload. */
  Optional<String> invoke(byte[] event) throws IOException {
    return send(request(event));
  }

  private Optional<String> send(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    nextLine();
    int status = status(lineText(lineFrom));
    int length = -1;
    String functionError = "";
    for (nextLine(); lineTo > lineFrom; nextLine()) {
      if (lineStartsWith(CONTENT_LENGTH)) {
        length = Integer.parseInt(lineText(lineFrom + CONTENT_LENGTH.length).trim());
      } else if (lineStartsWith(FUNCTION_ERROR)) {
        functionError = lineText(lineFrom + FUNCTION_ERROR.length).trim();
      }
    }
    if (length < 0 && status == 204) {
      length = 0; // No Content: no body, and servers need not frame it
    }
    if (length < 0) {
      throw new IOException("a reply without Content-Length (status " + status + ")");
    }
    boolean ok = status == expectedStatus && functionError.isEmpty();
    byte[] body = body(length, ok ? 0 : 200);
    if (ok) {
      return Optional.empty();
    }
    return Optional.of(
        status
            + (functionError.isEmpty() ? "" : " " + functionError)
            + ": "
            + new String(body, StandardCharsets.UTF_8));
  }

  private static int status(String statusLine) throws IOException {
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP status line: " + statusLine);
    }
    return Integer.parseInt(parts[1]);
  }

  /**
   * Reads up to the next line ending ({@code \r\n}) and moves past it; the line's text is then
   * {@code buffer[lineFrom, lineTo)} until the next call.
   */
  private void nextLine() throws IOException {
    int scan = position;
    while (true) {
      while (scan < limit) {
        if (buffer[scan] == '\n') {
          lineFrom = position;
          lineTo = scan > position && buffer[scan - 1] == '\r' ? scan - 1 : scan;
          position = scan + 1;
          return;
        }
        scan++;
      }
      scan -= compact();
      fill();
    }
  }

  /** The current line's text from {@code from} on. */
  private String lineText(int from) {
    return new String(buffer, from, lineTo - from, StandardCharsets.ISO_8859_1);
  }

  private boolean lineStartsWith(byte[] lowerCasePrefix) {
    if (lineTo - lineFrom < lowerCasePrefix.length) {
      return false;
    }
    for (int i = 0; i < lowerCasePrefix.length; i++) {
      if (Character.toLowerCase(buffer[lineFrom + i]) != lowerCasePrefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Reads {@code length} body bytes and keeps at most the first {@code keep}. */
  private byte[] body(int length, int keep) throws IOException {
    byte[] kept = new byte[Math.min(length, keep)];
    int remaining = length;
    while (remaining > 0) {
      if (position == limit) {
        compact();
        fill();
      }
      int n = Math.min(remaining, limit - position);
      int offset = length - remaining;
      if (offset < kept.length) {
        System.arraycopy(buffer, position, kept, offset, Math.min(n, kept.length - offset));
      }
      position += n;
      remaining -= n;
    }
    return kept;
  }

  /** Moves the unread bytes to the start of the buffer; returns by how much they moved. */
  private int compact() {
    int moved = position;
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    position = 0;
    return moved;
  }

  private void fill() throws IOException {
    if (limit == buffer.length) {
      throw new IOException("a header line longer than " + buffer.length + " bytes");
    }
    int n = in.read(buffer, limit, buffer.length - limit);
    if (n < 0) {
      throw new IOException("the server closed the connection");
    }
    limit += n;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
