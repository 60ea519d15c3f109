package dev.gust.training;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.api.client.EventHandlerLoader;
import com.amazonaws.services.lambda.runtime.api.client.HandlerInfo;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.dto.InvocationRequest;
import java.io.File;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** Gust's training run for the Java runtime's class-data archive. */
public final class GustJavaTraining {

  public static void main(String[] args) throws IOException {
    int loaded = 0;
    for (String path : System.getProperty("java.class.path").split(File.pathSeparator)) {
      // The serializer's shaded libraries are archived as far as the handlers use them.
      if (!path.contains("aws-lambda-java-serialization")) {
        loaded += loadClasses(path);
      }
    }
    int handlers =
        call("dev.gust.training.GustJavaTraining$MapHandler",
                "{'a':1,'b':[true,null,2.5,'x'],'c':{'d':'e'}}")
            + call("dev.gust.training.GustJavaTraining$Methods::pojo",
                "{'name':'gust','count':3}")
            + call("dev.gust.training.GustJavaTraining$StreamHandler", "{'a':1}");
    System.out.println(
        "gust java training: " + loaded + " classes, " + handlers + " of 3 handlers");
  }

  private static int loadClasses(String path) throws IOException {
    int loaded = 0;
    try (JarFile jar = new JarFile(path)) {
      for (Enumeration<JarEntry> it = jar.entries(); it.hasMoreElements(); ) {
        String name = it.nextElement().getName();
        if (name.endsWith(".class")
            && !name.startsWith("META-INF/")
            && !name.endsWith("module-info.class")) {
          try {
            Class.forName(
                name.substring(0, name.length() - 6).replace('/', '.'),
                false,
                ClassLoader.getSystemClassLoader());
            loaded++;
          } catch (Throwable optionalDependencyMissing) {
            // Left out of the archive.
          }
        }
      }
    }
    return loaded;
  }

  private static int call(String handler, String event) {
    try {
      InvocationRequest request = new InvocationRequest();
      request.setId("training");
      request.setInvokedFunctionArn(
          "arn:aws:lambda:us-east-1:000000000000:function:training");
      request.setDeadlineTimeInMs(System.currentTimeMillis() + 60_000);
      request.setContent(event.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
      ClassLoader loader = GustJavaTraining.class.getClassLoader();
      EventHandlerLoader.loadEventHandler(HandlerInfo.fromString(handler, loader))
          .call(request);
      return 1;
    } catch (Throwable t) {
      System.out.println("gust java training: " + handler + " failed: " + t);
      return 0;
    }
  }

  /** A typed handler of maps, the most common shape. */
  public static final class MapHandler
      implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
      return Map.of("event", event, "id", context.getAwsRequestId(), "list", List.of(1));
    }
  }

  /** A JavaBean, as AWS's examples declare inputs. */
  public static final class Pojo {
    private String name;
    private int count;
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public int getCount() { return count; }
    public void setCount(int count) { this.count = count; }
  }

  /** A handler named as Class::method. */
  public static final class Methods {
    public Pojo pojo(Pojo input, Context context) {
      input.setCount(input.getCount() + 1);
      return input;
    }
  }

  /** A stream handler. */
  public static final class StreamHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context)
        throws IOException {
      out.write(in.readAllBytes());
    }
  }
}
