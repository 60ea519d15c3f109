package dev.gust.testkit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.gust.functions.BrokenInit;
import dev.gust.functions.Crash;
import dev.gust.functions.Echo;
import dev.gust.functions.Fail;
import dev.gust.functions.FileProbe;
import dev.gust.functions.Log;
import dev.gust.functions.Oom;
import dev.gust.functions.Sleep;
import dev.gust.functions.SqsBatch;
import dev.gust.testkit.RuntimeFixture.Behaviour;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.joda.time.DateTime;

/**
 * The Java functions of {@code gust-java-functions} as a deployment package laid out as AWS expects
 * it: the handler classes at the root of the zip and the libraries they use ({@code
 * aws-lambda-java-core}, {@code aws-lambda-java-events}) as jars in {@code lib/}.
 */
public final class JavaFunctions {

  private JavaFunctions() {}

  /** The runtime test matrix's fixture for a Java runtime, such as {@code java17}. */
  public static RuntimeFixture fixture(String runtime) {
    return new RuntimeFixture(
        runtime,
        Package.ZIP.clone(),
        Map.of(
            Behaviour.ECHO, Echo.class.getName(),
            Behaviour.FAIL, Fail.class.getName(),
            Behaviour.CRASH, Crash.class.getName() + "::crash",
            Behaviour.SLEEP, Sleep.class.getName(),
            Behaviour.OOM, Oom.class.getName(),
            Behaviour.BROKEN_INIT, BrokenInit.class.getName(),
            Behaviour.FILES, FileProbe.class.getName() + "::probe",
            Behaviour.LOG, Log.class.getName()),
        "java.lang.IllegalArgumentException",
        "java.lang.OutOfMemoryError");
  }

  /**
   * The {@code Handler} of an SQS consumer ({@code RequestHandler<SQSEvent, SQSBatchResponse>})
   * that reports each message whose body is {@code fail} as a batch item failure.
   */
  public static String sqsHandler() {
    return SqsBatch.class.getName();
  }

  /** The deployment package of every Java function. */
  public static byte[] zip() {
    return Package.ZIP.clone();
  }

  /** Built once: the zip does not change while the tests run. */
  private static final class Package {
    static final byte[] ZIP = build();

    private static byte[] build() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        Path classes = location(Echo.class);
        if (Files.isDirectory(classes)) {
          addDirectory(zip, classes);
        } else {
          addJarClasses(zip, classes);
        }
        for (Class<?> library : new Class<?>[] {Context.class, SQSEvent.class, DateTime.class}) {
          Path jar = location(library);
          zip.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
          Files.copy(jar, zip);
          zip.closeEntry();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot package the Java functions", e);
      }
      return bytes.toByteArray();
    }

    private static Path location(Class<?> type) {
      try {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("cannot locate " + type, e);
      }
    }

    private static void addDirectory(ZipOutputStream zip, Path root) throws IOException {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          String name = root.relativize(file).toString().replace('\\', '/');
          if (!name.startsWith("META-INF/")) {
            zip.putNextEntry(new ZipEntry(name));
            Files.copy(file, zip);
            zip.closeEntry();
          }
        }
      }
    }

    private static void addJarClasses(ZipOutputStream zip, Path jarFile) throws IOException {
      try (JarFile jar = new JarFile(jarFile.toFile())) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          JarEntry entry = entries.nextElement();
          if (!entry.isDirectory() && !entry.getName().startsWith("META-INF/")) {
            zip.putNextEntry(new ZipEntry(entry.getName()));
            try (InputStream in = jar.getInputStream(entry)) {
              in.transferTo(zip);
            }
            zip.closeEntry();
          }
        }
      }
    }
  }
}
