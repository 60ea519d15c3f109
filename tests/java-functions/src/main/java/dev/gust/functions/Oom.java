package dev.gust.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Allocates and touches memory 16 MB at a time until something stops it: the JVM's heap limit
 * ({@code OutOfMemoryError}) or the sandbox's memory limit.
 */
public final class Oom implements RequestHandler<Map<String, Object>, Integer> {

  private static final int CHUNK = 16 * 1024 * 1024;
  private static final int PAGE = 4096;

  @Override
  public Integer handleRequest(Map<String, Object> event, Context context) {
    List<byte[]> held = new ArrayList<>();
    while (true) {
      byte[] chunk = new byte[CHUNK];
      for (int i = 0; i < CHUNK; i += PAGE) {
        chunk[i] = 1;
      }
      held.add(chunk);
      if (held.size() == Integer.MAX_VALUE) {
        return held.size(); // never: keeps the list alive in the compiler's eyes
      }
    }
  }
}
