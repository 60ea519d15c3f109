package dev.gust.testkit;

import dev.gust.wire.ServiceModel;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The operation coverage table: for each service, AWS's operations (read from the AWS SDK for Java
 * v2 client interface, which the build resolves from Maven Central) against those Gust's models
 * serve and those they declare as not served yet.
 */
public final class Coverage {

  private Coverage() {}

  /**
   * AWS's operations: the request types the SDK's synchronous client takes. The SDK spells a few in
   * its own case ({@code GetSmsAttributes} for {@code GetSMSAttributes}); compare ignoring case.
   */
  public static Set<String> awsOperations(Class<?> sdkClient) {
    Set<String> operations = new TreeSet<>();
    for (Method method : sdkClient.getMethods()) {
      if (method.getParameterCount() >= 1
          && method.getParameterTypes()[0].getSimpleName().endsWith("Request")
          && !method.getName().endsWith("Paginator")) {
        String request = method.getParameterTypes()[0].getSimpleName();
        operations.add(request.substring(0, request.length() - "Request".length()));
      }
    }
    return operations;
  }

  /** What Gust does with one operation. */
  public enum State {
    SERVED("served"),
    NOT_YET("not yet"),
    UNKNOWN("not declared"),
    EXTRA("served; not in the AWS SDK's list");

    private final String text;

    State(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** Each operation of AWS's model and of Gust's models, by name, with what Gust does with it. */
  public static Map<String, State> states(List<ServiceModel<?>> models, Class<?> sdkClient) {
    Map<String, String> declared = new TreeMap<>();
    Map<String, State> byLowerCase = new TreeMap<>();
    for (ServiceModel<?> model : models) {
      model.served().forEach(op -> declare(declared, byLowerCase, op, State.SERVED));
      model.unsupported().forEach(op -> declare(declared, byLowerCase, op, State.NOT_YET));
    }
    Map<String, State> states = new TreeMap<>();
    Set<String> aws = new TreeSet<>();
    for (String operation : awsOperations(sdkClient)) {
      String key = operation.toLowerCase(Locale.ROOT);
      aws.add(key);
      String name = declared.getOrDefault(key, operation);
      states.put(name, byLowerCase.getOrDefault(key, State.UNKNOWN));
    }
    declared.forEach(
        (key, name) -> {
          if (!aws.contains(key)) {
            states.put(name, State.EXTRA);
          }
        });
    return states;
  }

  private static void declare(
      Map<String, String> declared, Map<String, State> states, String operation, State state) {
    String key = operation.toLowerCase(Locale.ROOT);
    declared.put(key, operation);
    states.putIfAbsent(key, state);
  }

  /** One service's section of the table, in Markdown. */
  public static String section(String title, List<ServiceModel<?>> models, Class<?> sdkClient) {
    Map<String, State> states = states(models, sdkClient);
    long aws = states.values().stream().filter(s -> s != State.EXTRA).count();
    long served = states.values().stream().filter(s -> s == State.SERVED).count();
    StringBuilder text = new StringBuilder();
    text.append("## ")
        .append(title)
        .append("\n\n")
        .append(served)
        .append(" of ")
        .append(aws)
        .append(" operations served.\n\n| Operation | Gust |\n|---|---|\n");
    states.forEach(
        (operation, state) ->
            text.append("| `").append(operation).append("` | ").append(state).append(" |\n"));
    return text.append('\n').toString();
  }
}
