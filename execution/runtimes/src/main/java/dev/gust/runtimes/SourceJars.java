package dev.gust.runtimes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Gust's own small programs for the Java runtimes (the training run, the stem cell), shipped as
 * sources in this module's resources and compiled once, for Java 17, against the runtime's jars
 * with the compiler of Gust's JDK.
 */
final class SourceJars {

  private static final Logger LOG = Logger.getLogger(SourceJars.class.getName());

  private SourceJars() {}

  /**
   * Compiles the source {@code resource} (one top-level class, named like the file) into {@code
   * jar}, working in a temporary directory under {@code workDir}; false if it cannot.
   */
  static boolean compile(String resource, Path jar, String classpath, Path workDir) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      LOG.warning("Java runtimes: no Java compiler in Gust's JDK, so no " + jar.getFileName());
      return false;
    }
    Path work = null;
    try {
      work = Files.createTempDirectory(workDir, ".compile");
      Path source = work.resolve(Path.of(resource).getFileName().toString());
      try (InputStream in = SourceJars.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException(resource + " is missing from the build");
        }
        Files.copy(in, source);
      }
      Path classes = Files.createDirectory(work.resolve("classes"));
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      List<String> arguments =
          List.of(
              "--release", "17", "-proc:none", "-cp", classpath, "-d", "" + classes, "" + source);
      int status = javac.run(null, output, output, arguments.toArray(String[]::new));
      if (status != 0) {
        LOG.warning("Java runtimes: " + resource + " does not compile:\n" + output);
        return false;
      }
      Path built = work.resolve(jar.getFileName());
      writeJar(classes, built);
      Files.move(built, jar, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Java runtimes: cannot build " + jar.getFileName(), e);
      return false;
    } finally {
      if (work != null) {
        JavaRuntimes.deleteTree(work);
      }
    }
  }

  private static void writeJar(Path classes, Path jar) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
  }
}
