package dev.gust.runtimes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java runtimes ({@code java17}, {@code java21}, {@code java25}): AWS's own runtime interface
 * client (RIC) on a JDK of this host, started with the command line AWS's Java runtimes use.
 *
 * <p>Implementation notes.
 *
 * <ul>
 *   <li><b>Install.</b> The RIC and the libraries it needs are jars on Gust's own classpath; {@link
 *       #install} copies them to {@code installDir/lib} (skipping unchanged ones, so a restart
 *       costs a few {@code stat} calls) and unpacks the RIC's JNI library next to them, as AWS
 *       does.
 *   <li><b>JDK.</b> JDKs are found in {@code JAVA_HOME} and {@code /usr/lib/jvm/*} by their {@code
 *       release} file. A runtime uses the JDK of its exact version, else the lowest newer one (with
 *       one log line); with neither, it cannot run here.
 *   <li><b>Command.</b> {@code /bin/sh} sizes the heap from {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}
 *       (85 %, as AWS does) and execs {@code java} with the RIC's jars as classpath, the RIC's main
 *       class and {@code _HANDLER}. As on AWS, the task root is not on the classpath: the RIC loads
 *       the function from its working directory (classes at the root, jars in {@code lib/}).
 *   <li><b>Class-data archives.</b> A training run ({@link #trainingCommand}) loads the RIC's
 *       classes and drives its handler path without a Runtime API, and writes a CDS archive (JDK
 *       17–24) or an AOT cache (JDK 25+) into the install directory. The platform runs it inside
 *       the same kind of sandbox as the runtimes, because an archive only applies to the exact
 *       classpath it was trained with. It is written under a temporary name and renamed when the
 *       run succeeds: a truncated CDS archive crashes a JDK 17, a missing one costs nothing.
 * </ul>
 */
final class JavaRuntimes {

  private static final Logger LOG = Logger.getLogger(JavaRuntimes.class.getName());

  static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** One class of each jar the runtime needs, in classpath order (AWS's order). */
  private static final String RIC_MARKER =
      "com/amazonaws/services/lambda/runtime/api/client/AWSLambda.class";

  private static final List<String> LIBRARY_MARKERS =
      List.of(
          "com/amazonaws/services/lambda/runtime/Context.class",
          RIC_MARKER,
          "com/amazonaws/services/lambda/runtime/serialization/PojoSerializer.class",
          "software/amazon/awssdk/utilslite/SdkInternalThreadLocal.class");

  static final String JNI_LIBRARY = "libaws-lambda-jni.so";
  static final String TRAINING_JAR = "gust-java-training.jar";
  private static final String TRAINING_CLASS = "dev.gust.training.GustJavaTraining";

  /**
   * The training run's main class, compiled at the first training for Java 17. It loads the classes
   * of the RIC's own jars, then loads and calls three handlers through the RIC's handler path (a
   * typed map handler, a POJO method handler and a stream handler), which builds the serializers
   * and contexts that a cold start builds. Each step is best effort: a step that fails only leaves
   * its classes out of the archive.
   */
  private static final String TRAINING_SOURCE = "java/GustJavaTraining.java";

  /** The stem cell's main class ({@link #stemCellCommand}), compiled at its first use. */
  private static final String STEM_CELL_SOURCE = "java/GustStemCell.java";

  static final String STEM_CELL_JAR = "gust-stem-cell.jar";
  private static final String STEM_CELL_CLASS = "dev.gust.stemcell.GustStemCell";

  /** What the stem cell needs to make {@code System.getenv()} the function's environment. */
  private static final List<String> STEM_CELL_OPENS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED");

  private static final int OLDEST_TRAINABLE_JDK = 17;
  private static final int FIRST_AOT_CACHE_JDK = 25;
  private static final Path JVM_DIR = Path.of("/usr/lib/jvm");
  private static final Pattern RUNTIME = Pattern.compile("java(\\d+)(\\.al2)?");
  private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");
  private static final Pattern BUILD = Pattern.compile("(?m)^JAVA_RUNTIME_VERSION=\"([^\"]+)\"");

  /**
   * Starts {@code java} ({@code $0}) with its arguments, a heap of 85 % of the function's memory
   * and the handler as the RIC's argument, as AWS's Java bootstrap does.
   */
  private static final String LAUNCHER =
      """
      m=${AWS_LAMBDA_FUNCTION_MEMORY_SIZE:-128}
      case $m in ''|*[!0-9]*) m=128 ;; esac
      exec "$0" -XX:MaxHeapSize=$(( (m * 1024 * 85 + 50) / 100 ))k "$@" "$_HANDLER"
      """;

  /** Runs {@code "$@"} and, if it succeeds and wrote {@code $1}, renames it to {@code $2}. */
  private static final String PUBLISHER =
      """
      part=$1 final=$2
      shift 2
      "$@" && [ -s "$part" ] && mv -f "$part" "$final"
      """;

  /** A JDK of this host: its home, feature version and build (from its {@code release} file). */
  record Jdk(Path home, int major, String build) {
    String java() {
      return home.resolve("bin/java").toString();
    }

    boolean aotCache() {
      return major >= FIRST_AOT_CACHE_JDK;
    }

    /** The archive's file name: a JDK update gets a new archive rather than a stale one. */
    String archiveName() {
      return "jdk-" + build.replaceAll("[^A-Za-z0-9._+-]", "_") + (aotCache() ? ".aot" : ".jsa");
    }
  }

  private final Path installDir;
  private final List<String> jars;
  private final boolean jni;
  private final NavigableMap<Integer, Jdk> jdks;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  private JavaRuntimes(
      Path installDir, List<String> jars, boolean jni, NavigableMap<Integer, Jdk> jdks) {
    this.installDir = installDir;
    this.jars = List.copyOf(jars);
    this.jni = jni;
    this.jdks = jdks;
  }

  /** Installs what Java runtimes need under {@code installDir}, copying only what changed. */
  static JavaRuntimes install(Path installDir) {
    try {
      Path lib = installDir.resolve("lib");
      Files.createDirectories(lib);
      List<String> jars = new ArrayList<>();
      boolean changed = false;
      for (String marker : LIBRARY_MARKERS) {
        Path jar = jarOf(marker);
        jars.add(jar.getFileName().toString());
        changed |= copyIfChanged(jar, lib.resolve(jar.getFileName().toString()));
      }
      Set<String> keep = new LinkedHashSet<>(jars);
      keep.add(JNI_LIBRARY);
      keep.add(TRAINING_JAR);
      keep.add(STEM_CELL_JAR);
      changed |= deleteAllBut(lib, keep);
      Path jniLibrary = lib.resolve(JNI_LIBRARY);
      if (changed || !Files.exists(jniLibrary)) {
        unpackJni(lib.resolve(jars.get(LIBRARY_MARKERS.indexOf(RIC_MARKER))), jniLibrary);
      }
      Optional<Path> javaHome =
          Optional.ofNullable(System.getenv("JAVA_HOME")).filter(h -> !h.isBlank()).map(Path::of);
      NavigableMap<Integer, Jdk> jdks = jdks(javaHome, JVM_DIR);
      // Archives belong to a classpath and a JDK build: drop those of old ones.
      Set<String> archives = new LinkedHashSet<>(Set.of("lib"));
      if (changed) {
        Files.deleteIfExists(lib.resolve(TRAINING_JAR));
        Files.deleteIfExists(lib.resolve(STEM_CELL_JAR));
      } else {
        jdks.values().forEach(jdk -> archives.add(jdk.archiveName()));
      }
      deleteAllBut(installDir, archives);
      return new JavaRuntimes(installDir, jars, Files.exists(jniLibrary), jdks);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the Java runtimes in " + installDir, e);
    }
  }

  /**
   * The command that starts a Java runtime, run with the task root as working directory; empty when
   * this host has no JDK for it.
   *
   * @param taskRoot the task root as the runtime sees it (the RIC reads it from the working
   *     directory, as on AWS)
   * @param javaDir {@code installDir} as the runtime sees it
   */
  Optional<List<String>> command(String runtime, String taskRoot, String javaDir) {
    return jdkFor(runtime)
        .map(
            jdk -> {
              boolean archived = archive(jdk).isPresent();
              return launch(jdk, javaDir, List.of(), classpath(javaDir, archived), MAIN_CLASS);
            });
  }

  /**
   * The command that starts a stem cell of a Java runtime: a JVM that waits for its function (see
   * {@code GustStemCell}), then runs it as {@link #command} would. Run with the (empty) task root
   * as working directory and the function's {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, which sizes
   * the heap. The JVM opens {@code java.lang} and {@code java.util} to the classpath, which a
   * normal start does not.
   *
   * <p>Empty when this host has no JDK for it, Gust's JDK has no compiler, or the JDK is not one of
   * 17 to 24. From JDK 25 on, an AOT cache refuses to load with module options other than those it
   * was trained with, such as the cell's {@code --add-opens}, and a cell without it specializes
   * slower than a normal start with it loads (about 300 against 140 ms for a map handler).
   *
   * @param javaDir {@code installDir} as the runtime sees it
   */
  Optional<List<String>> stemCellCommand(String runtime, String javaDir) {
    Optional<Jdk> found =
        jdkFor(runtime).filter(jdk -> jdk.major() >= OLDEST_TRAINABLE_JDK && !jdk.aotCache());
    if (found.isEmpty() || !compiled(STEM_CELL_SOURCE, STEM_CELL_JAR)) {
      return Optional.empty();
    }
    Jdk jdk = found.get();
    String classpath =
        classpath(javaDir, archive(jdk).isPresent()) + ":" + javaDir + "/lib/" + STEM_CELL_JAR;
    return Optional.of(launch(jdk, javaDir, STEM_CELL_OPENS, classpath, STEM_CELL_CLASS));
  }

  /** {@code java} through the heap-sizing launcher, with the archive of the JDK if there is one. */
  private List<String> launch(
      Jdk jdk, String javaDir, List<String> options, String classpath, String mainClass) {
    boolean archived = archive(jdk).isPresent();
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCHER));
    command.add(jdk.java());
    command.addAll(jvmOptions(jdk, javaDir));
    command.addAll(options);
    if (archived && jdk.aotCache()) {
      command.add("-XX:AOTCache=" + javaDir + "/" + jdk.archiveName());
    } else {
      command.add("-Xshare:auto");
      if (archived) {
        command.add("-XX:SharedArchiveFile=" + javaDir + "/" + jdk.archiveName());
      }
    }
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    return List.copyOf(command);
  }

  /**
   * The command that writes the class-data archive for {@code runtime}'s JDK into {@code javaDir}
   * (which must be writable for it), to be run in the same kind of sandbox as the runtimes; empty
   * when the JDK cannot be trained (none, older than 17, or no Java compiler in Gust's JDK). It
   * needs no Runtime API and no environment, exits 0 when the archive is in place, and takes a few
   * seconds. Runs of the same JDK must not overlap.
   *
   * @param javaDir {@code installDir} as the training run sees it
   */
  Optional<List<String>> trainingCommand(String runtime, String javaDir) {
    Optional<Jdk> found = jdkFor(runtime).filter(jdk -> jdk.major() >= OLDEST_TRAINABLE_JDK);
    if (found.isEmpty() || !compiled(TRAINING_SOURCE, TRAINING_JAR)) {
      return Optional.empty();
    }
    Jdk jdk = found.get();
    String archive = javaDir + "/" + jdk.archiveName();
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", PUBLISHER));
    command.addAll(List.of("gust-java-training", archive + ".part", archive, jdk.java()));
    command.addAll(jvmOptions(jdk, javaDir));
    command.add("-XX:MaxHeapSize=256m");
    command.add(
        (jdk.aotCache() ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive + ".part");
    command.addAll(List.of("-cp", classpath(javaDir, true), TRAINING_CLASS));
    return Optional.of(List.copyOf(command));
  }

  /** The class-data archive of {@code runtime}'s JDK on the host, once a training run wrote it. */
  Optional<Path> archive(String runtime) {
    return jdkFor(runtime).flatMap(this::archive);
  }

  private Optional<Path> archive(Jdk jdk) {
    Path archive = installDir.resolve(jdk.archiveName());
    boolean usable =
        Files.isRegularFile(archive) && Files.isRegularFile(lib().resolve(TRAINING_JAR));
    return usable ? Optional.of(archive) : Optional.empty();
  }

  /** The JDK that runs {@code runtime}: its own version, else the lowest newer one. */
  Optional<Jdk> jdkFor(String runtime) {
    Matcher matcher = RUNTIME.matcher(runtime);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int wanted = Integer.parseInt(matcher.group(1));
    Optional<Jdk> jdk = select(jdks, wanted);
    if (jdk.isPresent() && jdk.get().major() != wanted && reported.add(runtime)) {
      LOG.info(
          String.format(
              "%s runs on JDK %d (%s): no JDK %d is installed",
              runtime, jdk.get().major(), jdk.get().home(), wanted));
    }
    return jdk;
  }

  static Optional<Jdk> select(NavigableMap<Integer, Jdk> jdks, int wanted) {
    return Optional.ofNullable(jdks.ceilingEntry(wanted)).map(Map.Entry::getValue);
  }

  /** The JDKs in {@code javaHome} and {@code jvmDir}, by feature version; the first one wins. */
  static NavigableMap<Integer, Jdk> jdks(Optional<Path> javaHome, Path jvmDir) {
    List<Path> candidates = new ArrayList<>();
    javaHome.ifPresent(candidates::add);
    try (Stream<Path> dirs = Files.list(jvmDir)) {
      dirs.sorted(Comparator.comparing(Path::toString)).forEach(candidates::add);
    } catch (IOException noJvmDir) {
      // No JDKs there.
    }
    NavigableMap<Integer, Jdk> jdks = new TreeMap<>();
    for (Path candidate : candidates) {
      jdk(candidate).ifPresent(jdk -> jdks.putIfAbsent(jdk.major(), jdk));
    }
    return jdks;
  }

  private static Optional<Jdk> jdk(Path home) {
    try {
      Path real = home.toRealPath();
      if (!Files.isExecutable(real.resolve("bin/java"))) {
        return Optional.empty();
      }
      String release = Files.readString(real.resolve("release"), StandardCharsets.UTF_8);
      Matcher version = VERSION.matcher(release);
      if (!version.find()) {
        return Optional.empty();
      }
      String[] parts = version.group(1).split("[._+-]");
      int major = Integer.parseInt(parts[0].equals("1") ? parts[1] : parts[0]);
      Matcher build = BUILD.matcher(release);
      return Optional.of(new Jdk(real, major, build.find() ? build.group(1) : version.group(1)));
    } catch (IOException | RuntimeException notAJdk) {
      return Optional.empty();
    }
  }

  /** The JVM options shared by the runtime and its training run (an AOT cache wants them equal). */
  private List<String> jvmOptions(Jdk jdk, String javaDir) {
    List<String> options =
        new ArrayList<>(
            List.of(
                "-XX:+UseSerialGC",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Djava.net.preferIPv4Stack=true",
                "-XX:+ErrorFileToStderr",
                "-XX:-UsePerfData"));
    if (jni) {
      options.add(
          "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI="
              + javaDir
              + "/lib/"
              + JNI_LIBRARY);
    }
    if (jdk.major() >= 22) {
      options.add("--enable-native-access=ALL-UNNAMED"); // the RIC loads its JNI library
    }
    // An archive that does not fit (another sandbox's paths) is skipped quietly, not logged to
    // the function's output on every start.
    options.add(jdk.aotCache() ? "-Xlog:aot*=off,cds*=off" : "-Xlog:cds*=off");
    return options;
  }

  private String classpath(String javaDir, boolean withTraining) {
    List<String> entries = new ArrayList<>();
    for (String jar : jars) {
      entries.add(javaDir + "/lib/" + jar);
    }
    if (withTraining) {
      entries.add(javaDir + "/lib/" + TRAINING_JAR);
    }
    return String.join(":", entries);
  }

  private Path lib() {
    return installDir.resolve("lib");
  }

  /** Compiles {@code resource} into {@code lib/jarName}, once; false if it cannot. */
  private synchronized boolean compiled(String resource, String jarName) {
    Path jar = lib().resolve(jarName);
    return Files.isRegularFile(jar)
        || SourceJars.compile(resource, jar, classpath(installDir.toString(), false), installDir);
  }

  /** The jar on Gust's classpath that holds {@code marker}. */
  private static Path jarOf(String marker) throws IOException {
    URL url = JavaRuntimes.class.getClassLoader().getResource(marker);
    if (url == null || !"jar".equals(url.getProtocol())) {
      throw new IllegalStateException(
          "the Java runtimes need " + marker + " in a jar on Gust's classpath, found " + url);
    }
    try {
      return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the jar of " + url, e);
    }
  }

  /** Copies {@code source} unless {@code target} has its size and time; true if it copied. */
  private static boolean copyIfChanged(Path source, Path target) throws IOException {
    FileTime time = Files.getLastModifiedTime(source);
    if (Files.isRegularFile(target)
        && Files.size(target) == Files.size(source)
        && Files.getLastModifiedTime(target).equals(time)) {
      return false;
    }
    Path part = target.resolveSibling(target.getFileName() + ".part");
    Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(part, time);
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }

  /** Unpacks the RIC's JNI library for this machine, if the RIC has one for it. */
  private static void unpackJni(Path ric, Path target) throws IOException {
    Optional<String> entry = jniEntry();
    if (entry.isEmpty()) {
      return;
    }
    try (JarFile jar = new JarFile(ric.toFile())) {
      JarEntry library = jar.getJarEntry(entry.get());
      if (library == null) {
        return;
      }
      Path part = target.resolveSibling(target.getFileName() + ".part");
      try (InputStream in = jar.getInputStream(library)) {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static Optional<String> jniEntry() {
    String arch =
        switch (System.getProperty("os.arch")) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64" -> "aarch_64";
          default -> "";
        };
    if (arch.isEmpty() || !System.getProperty("os.name").equals("Linux")) {
      return Optional.empty();
    }
    boolean musl =
        Files.exists(Path.of("/lib/ld-musl-" + arch.replace("_", "") + ".so.1"))
            && !Files.exists(Path.of("/lib64/ld-linux-x86-64.so.2"))
            && !Files.exists(Path.of("/lib/ld-linux-aarch64.so.1"));
    return Optional.of("jni/libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + arch + ".so");
  }

  /** Deletes every entry of {@code dir} not named in {@code keep}; true if it deleted one. */
  private static boolean deleteAllBut(Path dir, Set<String> keep) throws IOException {
    boolean deleted = false;
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        if (!keep.contains(entry.getFileName().toString())) {
          deleteTree(entry);
          deleted = true;
        }
      }
    }
    return deleted;
  }

  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot delete " + root, e);
    }
  }
}
