package dev.gust.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Runs a runtime as a plain child process of the node: no namespaces and no resource limits, for
 * hosts where the namespace backend cannot run. Gust logs a warning when it is used.
 *
 * <p>Implementation notes. Processes are started through {@code setpriv --pdeathsig KILL}, so the
 * kernel kills a runtime when the node dies, even by {@code kill -9}. The death signal fires when
 * the thread that forked the child ends, so every fork happens on one dedicated platform thread
 * that lives as long as the node. Output is read line by line on virtual threads.
 */
public final class ProcessBackend implements SandboxBackend, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ProcessBackend.class.getName());
  private static final String SETPRIV = "/usr/bin/setpriv";

  private final ExecutorService spawner =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "gust-sandbox-spawner");
            thread.setDaemon(true);
            return thread;
          });
  private final boolean deathSignal = Files.isExecutable(Path.of(SETPRIV));

  public ProcessBackend() {
    LOG.warning(
        "sandbox backend 'process': runtimes run as plain child processes, without namespace"
            + " isolation or resource limits");
    if (!deathSignal) {
      LOG.warning(SETPRIV + " not found: runtimes may outlive a node that is killed with SIGKILL");
    }
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public SandboxPaths paths(Path taskRoot, Path runtimeDir, Path tmpDir) {
    return new SandboxPaths(taskRoot.toString(), runtimeDir.toString(), tmpDir.toString());
  }

  @Override
  public Sandbox start(SandboxSpec spec) {
    List<String> command = new ArrayList<>();
    if (deathSignal) {
      command.addAll(List.of(SETPRIV, "--pdeathsig", "KILL", "--"));
    }
    command.addAll(spec.command());
    ProcessBuilder builder = new ProcessBuilder(command).directory(spec.taskRoot().toFile());
    builder.environment().clear();
    builder.environment().putAll(spec.environment());
    try {
      Files.createDirectories(spec.tmpDir());
      Process process = spawner.submit(builder::start).get();
      pump(process.getInputStream(), spec.output());
      pump(process.getErrorStream(), spec.output());
      return new ProcessSandbox(process);
    } catch (ExecutionException e) {
      throw new SandboxException(
          "cannot start " + spec.command() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while starting a sandbox", e);
    } catch (IOException e) {
      throw new SandboxException("cannot prepare the sandbox's /tmp", e);
    }
  }

  private static void pump(InputStream stream, Consumer<String> output) {
    Thread.ofVirtual()
        .name("gust-sandbox-output")
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  output.accept(line);
                }
              } catch (IOException e) {
                // The process ended; its output ends with it.
              }
            });
  }

  @Override
  public void close() {
    spawner.shutdownNow();
  }

  private static final class ProcessSandbox implements Sandbox {

    private final Process process;
    private final CompletableFuture<Integer> exited;

    ProcessSandbox(Process process) {
      this.process = process;
      this.exited = process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public CompletableFuture<Integer> exited() {
      return exited;
    }

    @Override
    public void shutdown(Duration grace) {
      List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
      tree.add(process.toHandle());
      tree.forEach(ProcessHandle::destroy);
      try {
        exited.get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // Past the grace period: kill below.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      tree.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
