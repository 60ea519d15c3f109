package dev.gust.functions;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;

/** Ends the runtime process in the middle of an invocation; named as {@code Crash::crash}. */
public final class Crash {

  /** Exits with status 3. */
  public String crash(Map<String, Object> event, Context context) {
    System.exit(3);
    return "unreachable";
  }
}
