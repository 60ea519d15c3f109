package dev.gust.functions;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Probes the sandbox's file system; named as {@code FileProbe::probe}. */
public final class FileProbe {

  /** Reports what the function may write and read, and how many processes it can see. */
  public Map<String, Object> probe(Map<String, Object> event, Context context) {
    Map<String, Object> reply = new LinkedHashMap<>();
    String taskRoot = System.getenv().getOrDefault("LAMBDA_TASK_ROOT", "/var/task");
    reply.put("codeWritable", canCreate(Path.of(taskRoot)));
    reply.put("tmpWritable", canCreate(Path.of("/tmp")));
    Object path = event == null ? null : event.get("path");
    reply.put("pathReadable", path != null && canRead(Path.of(path.toString())));
    reply.put("processes", processes());
    return reply;
  }

  private static boolean canCreate(Path dir) {
    try {
      Path file = Files.createTempFile(dir, "probe", ".txt");
      Files.delete(file);
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  private static boolean canRead(Path file) {
    try {
      Files.readAllBytes(file);
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  private static long processes() {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries.filter(p -> p.getFileName().toString().matches("\\d+")).count();
    } catch (IOException e) {
      return -1;
    }
  }
}
