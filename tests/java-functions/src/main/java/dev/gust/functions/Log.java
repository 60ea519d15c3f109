package dev.gust.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes one line to stdout and one to stderr, and answers with the JSON string {@code "logged"}; a
 * stream handler, so the runtime passes the raw event bytes and sends back what it writes.
 */
public final class Log implements RequestStreamHandler {

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.readAllBytes();
    System.out.println("to-stdout " + context.getAwsRequestId());
    System.err.println("to-stderr " + context.getAwsRequestId());
    output.write("\"logged\"".getBytes(StandardCharsets.UTF_8));
  }
}
