package dev.gust.cli;

import dev.gust.registry.Limits;
import dev.gust.server.GustServer;
import dev.gust.server.ServerConfig;
import dev.gust.worker.WorkerManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the {@code gust} command. */
@Command(
    name = "gust",
    mixinStandardHelpOptions = true,
    version = GustServer.VERSION,
    description = "A self-hosted serverless platform that speaks AWS Lambda's APIs.",
    subcommands = {Main.Server.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** {@code gust server}: runs a node in the foreground until SIGTERM or Ctrl-C. */
  @Command(
      name = "server",
      mixinStandardHelpOptions = true,
      description = "Start Gust in the foreground; every AWS API is served on one port.")
  static final class Server implements Callable<Integer> {

    @Option(
        names = "--port",
        description = "Port to listen on; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--host", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(
        names = "--data-dir",
        description = "Where functions and code are stored (default ${DEFAULT-VALUE}).")
    Path dataDir = Path.of(".gust");

    @Option(
        names = "--account-concurrency",
        description = "Concurrent executions allowed in the account (default ${DEFAULT-VALUE}).")
    int accountConcurrency = Limits.defaults().accountConcurrency();

    @Option(
        names = "--sandbox",
        description =
            "Sandbox backend: namespace (bubblewrap), process, or auto = namespace where the host"
                + " allows it (default ${DEFAULT-VALUE}).")
    String sandbox = ServerConfig.DEFAULT_SANDBOX;

    @Option(
        names = "--keep-alive-seconds",
        description =
            "How long an idle execution environment is kept warm before it is shut down"
                + " (default ${DEFAULT-VALUE}).")
    long keepAliveSeconds = WorkerManager.Settings.defaults().keepAlive().toSeconds();

    @Option(
        names = "--memory-mb",
        description =
            "Memory that execution environments may reserve in total, by their MemorySize;"
                + " a cold start that does not fit is refused (default: the host's memory).")
    long memoryMb = ServerConfig.hostMemoryMb();

    @Override
    public Integer call() throws InterruptedException {
      Limits limits = new Limits(accountConcurrency, Limits.defaults().minimumUnreserved());
      GustServer server =
          GustServer.start(
              new ServerConfig(host, port, dataDir, limits, sandbox)
                  .withEnvironments(
                      WorkerManager.Settings.defaults()
                          .withKeepAlive(Duration.ofSeconds(keepAliveSeconds)))
                  .withMemoryMb(memoryMb));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    System.out.println("Gust stopped");
                    System.out.flush();
                    stopped.countDown();
                    // A clean stop on SIGTERM exits 0, not the JVM's 143, so that process
                    // managers do not report it as a failure.
                    Runtime.getRuntime().halt(0);
                  },
                  "gust-shutdown"));
      System.out.println(
          "Gust "
              + GustServer.VERSION
              + " ready on "
              + server.url()
              + " (data dir "
              + dataDir.toAbsolutePath().normalize()
              + ")");
      System.out.flush();
      stopped.await();
      return 0;
    }
  }
}
