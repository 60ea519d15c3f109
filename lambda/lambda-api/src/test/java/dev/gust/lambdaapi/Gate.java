package dev.gust.lambdaapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Holds function invocations open until a test releases them: the function {@link #CODE} connects
 * to the gate's port (given in the event) and waits for the gate to close the connection. The test
 * sees how many invocations are inside and never sleeps.
 */
final class Gate implements AutoCloseable {

  /** A Python handler that waits at the gate whose port is {@code event["port"]}. */
  static final String CODE =
      """
      import socket
      def handler(event, context):
          s = socket.create_connection(("127.0.0.1", event["port"]))
          s.recv(1)
          s.close()
          return "released"
      """;

  private final ServerSocket server;
  private final List<Socket> inside = new CopyOnWriteArrayList<>();

  Gate() {
    try {
      server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                while (true) {
                  inside.add(server.accept());
                }
              } catch (IOException e) {
                // Closed.
              }
            });
  }

  /** The event that makes the handler wait here. */
  String event() {
    return "{\"port\": " + server.getLocalPort() + "}";
  }

  /** Invocations that have arrived at the gate so far, released or not. */
  int arrived() {
    return inside.size();
  }

  /** Lets every waiting invocation return. */
  void release() {
    for (Socket socket : inside) {
      try {
        socket.close();
      } catch (IOException e) {
        // Already gone.
      }
    }
  }

  @Override
  public void close() {
    release();
    try {
      server.close();
    } catch (IOException e) {
      // Nothing to do.
    }
  }
}
