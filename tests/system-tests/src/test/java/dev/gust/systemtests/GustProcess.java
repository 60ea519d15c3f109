package dev.gust.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gust server} running as a real child JVM, started the way a user would start it and
 * stopped the way an operator (SIGTERM) or a crash (SIGKILL) would stop it.
 *
 * <p>Stdout and stderr are read on their own threads and kept; the ready line is awaited on a
 * future completed by the stdout reader, with a deadline. {@link #close} kills the process if it is
 * still alive, and a JVM shutdown hook kills whatever a failed test run left behind.
 */
final class GustProcess implements AutoCloseable {

  /** How long a server may take to print its ready line. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  /** How long a server may take to exit after a signal. */
  static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);

  /** On Linux a process killed by signal N reports exit status 128 + N. */
  static final int EXIT_SIGKILL = 128 + 9;

  static final Pattern READY =
      Pattern.compile("^Gust (\\S+) ready on (http://\\S+) \\(data dir (.+)\\)$");

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "gust-process-reaper"));
  }

  private final Process process;
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();
  private final CompletableFuture<Matcher> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> stdoutClosed = new CompletableFuture<>();
  private final CompletableFuture<Void> stderrClosed = new CompletableFuture<>();

  private GustProcess(Process process) {
    this.process = process;
    read(process.getInputStream(), this::onStdout, stdoutClosed, "stdout");
    read(process.getErrorStream(), this::onStderr, stderrClosed, "stderr");
  }

  /** Starts {@code gust server --port 0 --data-dir dataDir} and waits until it is ready. */
  static GustProcess start(Path dataDir) {
    return start(dataDir, List.of());
  }

  /** Starts {@code gust server --port 0 --data-dir dataDir extraArgs} and waits for readiness. */
  static GustProcess start(Path dataDir, List<String> extraArgs) {
    List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", dataDir.toString()));
    args.addAll(extraArgs);
    GustProcess gust = launch(args);
    try {
      gust.awaitReady(READY_TIMEOUT);
      return gust;
    } catch (RuntimeException | Error e) {
      gust.close();
      throw e;
    }
  }

  /** Starts {@code gust server serverArgs} without waiting for anything. */
  static GustProcess launch(List<String> serverArgs) {
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(classpath);
    command.add("dev.gust.cli.Main");
    command.add("server");
    command.addAll(serverArgs);
    try {
      Process process = new ProcessBuilder(command).start();
      LIVE.add(process);
      process.onExit().thenRun(() -> LIVE.remove(process));
      process.getOutputStream().close();
      return new GustProcess(process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  private static void read(
      InputStream stream, Consumer<String> sink, CompletableFuture<Void> closed, String name) {
    Thread.ofPlatform()
        .daemon()
        .name("gust-" + name)
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                // The stream breaks when the process dies; what was read is kept.
              } finally {
                closed.complete(null);
              }
            });
  }

  private void onStdout(String line) {
    synchronized (stdout) {
      stdout.add(line);
    }
    Matcher matcher = READY.matcher(line);
    if (matcher.matches()) {
      ready.complete(matcher);
    }
  }

  private void onStderr(String line) {
    synchronized (stderr) {
      stderr.add(line);
    }
  }

  /** Waits for the ready line; fails with the captured output if it does not come in time. */
  void awaitReady(Duration timeout) {
    stdoutClosed.thenRun(
        () ->
            ready.completeExceptionally(
                new IllegalStateException("gust exited before it was ready")));
    try {
      ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("gust not ready within " + timeout + "\n" + describe(), e);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause().getMessage() + "\n" + describe(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private Matcher readyLine() {
    Matcher matcher = ready.getNow(null);
    if (matcher == null) {
      throw new IllegalStateException("gust is not ready\n" + describe());
    }
    return matcher;
  }

  /** The URL from the ready line, such as {@code http://127.0.0.1:41234}. */
  String url() {
    return readyLine().group(2);
  }

  int port() {
    return URI.create(url()).getPort();
  }

  /** The data dir from the ready line. */
  String reportedDataDir() {
    return readyLine().group(3);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills the server with SIGKILL, so it gets no chance to flush or close anything, and returns its
   * exit status ({@link #EXIT_SIGKILL} proves the signal was SIGKILL).
   *
   * <p>The signal is sent through the {@link ProcessHandle}: {@link Process#destroyForcibly} sends
   * the same SIGKILL on Linux but also closes the pipes to the child, which would lose what it
   * printed last.
   */
  int kill9() {
    process.toHandle().destroyForcibly();
    return awaitExit(EXIT_TIMEOUT);
  }

  /**
   * Asks the server to stop with SIGTERM, as {@link Process#destroy} would on Linux but keeping the
   * pipes open so its last words are read, and returns its exit status.
   */
  int terminate() {
    process.toHandle().destroy();
    return awaitExit(EXIT_TIMEOUT);
  }

  /** Waits for the process to exit and for its output to be read fully; returns the status. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("gust did not exit within " + timeout + "\n" + describe());
      }
      CompletableFuture.allOf(stdoutClosed, stderrClosed)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("output of gust not closed after exit\n" + describe(), e);
    }
  }

  /** Everything printed on stdout so far, one entry a line. */
  List<String> stdout() {
    synchronized (stdout) {
      return List.copyOf(stdout);
    }
  }

  /** Everything printed on stderr so far, one entry a line. */
  List<String> stderr() {
    synchronized (stderr) {
      return List.copyOf(stderr);
    }
  }

  /** Pid, state and captured output, for failure messages. */
  String describe() {
    return "pid "
        + process.pid()
        + (process.isAlive() ? " (alive)" : " (exited " + process.exitValue() + ")")
        + "\n--- stdout ---\n"
        + String.join("\n", stdout())
        + "\n--- stderr ---\n"
        + String.join("\n", stderr());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "GustProcess[pid " + process.pid() + "]";
  }
}
