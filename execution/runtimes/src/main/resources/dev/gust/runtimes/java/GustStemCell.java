package dev.gust.stemcell;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Gust's stem cell for the Java runtimes: a JVM started before its function is known, on the
 * runtime's classpath, in its (still empty) task root.
 *
 * <p>It loads the classes of the runtime's jars without initializing any (so that nothing reads the
 * environment early), then long-polls {@code /2018-06-01/runtime/gust/specialization} for the
 * function's environment. It makes {@code System.getenv()} (and what {@code ProcessBuilder} passes
 * on) that environment, and calls the runtime interface client's main with {@code _HANDLER}, as a
 * normal start does. The C library's own environment cannot be changed from Java: what the JVM or
 * native code read from it ({@code TZ}, {@code LANG}, {@code LC_*}, {@code LD_*}, {@code MALLOC_*},
 * {@code GLIBC_TUNABLES}, the {@code JAVA_TOOL_OPTIONS}-like variables), the heap size (from {@code
 * AWS_LAMBDA_FUNCTION_MEMORY_SIZE}) and the working directory are fixed at start. When the
 * function's differ from the cell's, the cell runs a normal start as its child, with the function's
 * environment, heap and task root and this process's standard streams, and ends as it ends.
 */
public final class GustStemCell {

  private static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final List<String> START_ONLY =
      List.of(
          "TZ",
          "LANG",
          "GLIBC_TUNABLES",
          "JAVA_TOOL_OPTIONS",
          "_JAVA_OPTIONS",
          "JDK_JAVA_OPTIONS",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
  private static final List<String> START_ONLY_PREFIXES = List.of("LC_", "LD_", "MALLOC_");
  private static final String OPENS = "--add-opens=java.base/java.";

  private GustStemCell() {}

  public static void main(String[] args) throws Throwable {
    preload();
    Map<String, String> env = specialization(System.getenv("AWS_LAMBDA_RUNTIME_API"));
    String handler = env.getOrDefault("_HANDLER", "");
    String taskRoot = env.getOrDefault("LAMBDA_TASK_ROOT", System.getProperty("user.dir"));
    if (startOnlyDiffers(System.getenv(), env) || !sameDirectory(taskRoot)) {
      System.exit(startAfresh(env, taskRoot, handler));
    }
    replaceEnvironment(env);
    AWSLambda.main(new String[] {handler});
  }

  /** Loads (without initializing) the classes of the runtime's jars, as the training run does. */
  private static void preload() {
    for (String path : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (path.contains("aws-lambda-java-serialization") || path.contains("gust-")) {
        continue;
      }
      try (JarFile jar = new JarFile(path)) {
        for (Enumeration<JarEntry> it = jar.entries(); it.hasMoreElements(); ) {
          String name = it.nextElement().getName();
          if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
            try {
              Class.forName(
                  name.substring(0, name.length() - 6).replace('/', '.'),
                  false,
                  ClassLoader.getSystemClassLoader());
            } catch (Throwable optional) {
              // A class whose optional dependency is missing: the runtime does not need it.
            }
          }
        }
      } catch (IOException unreadable) {
        // Nothing to preload from it.
      }
    }
  }

  /** Long-polls the Runtime API for the function's environment; exits if the cell is discarded. */
  private static Map<String, String> specialization(String address) throws IOException {
    int colon = address.lastIndexOf(':');
    try (Socket socket =
        new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /2018-06-01/runtime/gust/specialization HTTP/1.1\r\nHost: "
                  + address
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String status = line(in);
      int contentLength = -1;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          contentLength = Integer.parseInt(header.substring(15).trim());
        }
      }
      byte[] body = contentLength >= 0 ? in.readNBytes(contentLength) : in.readAllBytes();
      String[] parts = status.split(" ");
      if (parts.length > 1 && parts[1].equals("410")) {
        System.exit(0); // the cell was discarded before it was used
      }
      if (parts.length < 2 || !parts[1].equals("200")) {
        System.err.println("Gust stem cell: the Runtime API answered " + status);
        System.exit(1);
      }
      return new Json(new String(body, StandardCharsets.UTF_8)).environment();
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the Runtime API closed the connection");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static boolean startOnlyDiffers(Map<String, String> cell, Map<String, String> function) {
    List<String> names = new ArrayList<>(cell.keySet());
    names.addAll(function.keySet());
    for (String name : names) {
      boolean startOnly =
          START_ONLY.contains(name) || START_ONLY_PREFIXES.stream().anyMatch(name::startsWith);
      if (startOnly && !String.valueOf(cell.get(name)).equals(String.valueOf(function.get(name)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the task root is this JVM's working directory, which it cannot change. */
  private static boolean sameDirectory(String taskRoot) {
    try {
      return Files.isSameFile(Path.of(taskRoot), Path.of(System.getProperty("user.dir")));
    } catch (IOException e) {
      return false;
    }
  }

  /** Makes {@code System.getenv()}, and the environment of processes started from Java, {@code env}. */
  @SuppressWarnings("unchecked")
  private static void replaceEnvironment(Map<String, String> env) throws ReflectiveOperationException {
    Field unmodifiable =
        Class.forName("java.lang.ProcessEnvironment").getDeclaredField("theUnmodifiableEnvironment");
    unmodifiable.setAccessible(true);
    Object view = unmodifiable.get(null);
    Field wrapped = Class.forName("java.util.Collections$UnmodifiableMap").getDeclaredField("m");
    wrapped.setAccessible(true);
    Map<String, String> environment = (Map<String, String>) wrapped.get(view);
    environment.clear();
    environment.putAll(env);
  }

  /** Runs a normal start of the function as a child and returns its exit status. */
  private static int startAfresh(Map<String, String> env, String taskRoot, String handler)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("-XX:MaxHeapSize=")) {
        command.add("-XX:MaxHeapSize=" + heapKilobytes(env) + "k");
      } else if (!option.startsWith(OPENS + "lang=") && !option.startsWith(OPENS + "util=")) {
        command.add(option);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, handler));
    ProcessBuilder builder = new ProcessBuilder(command).directory(new File(taskRoot)).inheritIO();
    builder.environment().clear();
    builder.environment().putAll(env);
    Process child = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
    return child.waitFor();
  }

  /** 85 % of the function's memory, as the runtime's launcher computes it. */
  private static long heapKilobytes(Map<String, String> env) {
    long megabytes;
    try {
      megabytes = Long.parseLong(env.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
    } catch (NumberFormatException e) {
      megabytes = 128;
    }
    return (megabytes * 1024 * 85 + 50) / 100;
  }

  /** Just enough JSON for {@code {"environment": {"NAME": "value", ...}}}. */
  private static final class Json {
    private final String text;
    private int at;

    Json(String text) {
      this.text = text;
    }

    Map<String, String> environment() {
      expect('{');
      if (!string().equals("environment")) {
        throw new IllegalArgumentException("no environment in " + text);
      }
      expect(':');
      expect('{');
      Map<String, String> environment = new LinkedHashMap<>();
      while (peek() != '}') {
        String name = string();
        expect(':');
        environment.put(name, string());
        if (peek() == ',') {
          at++;
        }
      }
      return environment;
    }

    private char peek() {
      while (Character.isWhitespace(text.charAt(at))) {
        at++;
      }
      return text.charAt(at);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("expected " + c + " at " + at + " of " + text);
      }
      at++;
    }

    private String string() {
      expect('"');
      StringBuilder value = new StringBuilder();
      for (char c = text.charAt(at++); c != '"'; c = text.charAt(at++)) {
        if (c != '\\') {
          value.append(c);
          continue;
        }
        char escaped = text.charAt(at++);
        switch (escaped) {
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> {
            value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> value.append(escaped);
        }
      }
      return value.toString();
    }
  }
}
