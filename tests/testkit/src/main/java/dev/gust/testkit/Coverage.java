package dev.gust.testkit;

import dev.gust.wire.ServiceModel;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operation coverage table: for each service, AWS's operations (read from the AWS SDK for Java
 * v2 client interface, which the build resolves from Maven Central) against those Gust's model
 * serves and those it declares as not served yet.
 */
public final class Coverage {

  private Coverage() {}

  /** AWS's operations: the request types the SDK's synchronous client takes. */
  public static Set<String> awsOperations(Class<?> sdkClient) {
    Set<String> operations = new TreeSet<>();
    for (Method method : sdkClient.getMethods()) {
      if (method.getParameterCount() == 1
          && method.getParameterTypes()[0].getSimpleName().endsWith("Request")
          && !method.getName().endsWith("Paginator")) {
        String request = method.getParameterTypes()[0].getSimpleName();
        operations.add(request.substring(0, request.length() - "Request".length()));
      }
    }
    return operations;
  }

  /** One service's section of the table, in Markdown. */
  public static String section(String title, ServiceModel<?> model, Class<?> sdkClient) {
    Set<String> aws = awsOperations(sdkClient);
    Set<String> all = new TreeSet<>(aws);
    all.addAll(model.served());
    long served = aws.stream().filter(model.served()::contains).count();
    StringBuilder text = new StringBuilder();
    text.append("## ")
        .append(title)
        .append("\n\n")
        .append(served)
        .append(" of ")
        .append(aws.size())
        .append(" operations served.\n\n| Operation | Gust |\n|---|---|\n");
    for (String operation : all) {
      String state;
      if (!aws.contains(operation)) {
        state = "served; not in AWS's model";
      } else if (model.served().contains(operation)) {
        state = "served";
      } else if (model.unsupported().contains(operation)) {
        state = "not yet (answers `" + "UnsupportedOperation" + "`-style error)";
      } else {
        state = "not yet (unknown operation)";
      }
      text.append("| `").append(operation).append("` | ").append(state).append(" |\n");
    }
    return text.append('\n').toString();
  }
}
