package dev.gust.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A handler whose class fails to initialize, so the runtime reports an init error. */
public final class BrokenInit implements RequestHandler<Map<String, Object>, String> {

  private static final String CONFIG = loadConfig();

  private static String loadConfig() {
    throw new IllegalStateException("broken init: the configuration cannot be loaded");
  }

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    return CONFIG;
  }
}
