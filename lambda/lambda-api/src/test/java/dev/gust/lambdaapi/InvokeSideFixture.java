package dev.gust.lambdaapi;

import dev.gust.core.Ownership;
import dev.gust.core.Scope;
import dev.gust.invoke.Concurrency;
import dev.gust.invoke.EventInvocations;
import dev.gust.invoke.InvokePath;
import dev.gust.metrics.Metrics;
import dev.gust.registry.ConfigChanges;
import dev.gust.registry.Limits;
import dev.gust.registry.Registry;
import dev.gust.store.BlobStore;
import dev.gust.store.Database;
import dev.gust.testkit.FakeClock;
import dev.gust.testkit.Zips;
import dev.gust.wire.Headers;
import dev.gust.wire.HttpRequest;
import dev.gust.wire.HttpResponse;
import dev.gust.wire.Route;
import dev.gust.wire.Router;
import dev.gust.worker.WorkerManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The invoke-side operations behind a {@link Router}, as the node serves them: a real registry on
 * SQLite whose code preparation runs on the calling thread (a function is Active once created), an
 * invoke path whose worker manager has no workers (a synchronous invoke is refused for capacity,
 * never run), and an event queue that only records what it accepts.
 */
final class InvokeSideFixture implements AutoCloseable {

  static final Scope SCOPE = Scope.defaultScope();
  static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

  /** An event the asynchronous path accepted. */
  record Accepted(String invokedArn, byte[] payload, String requestId, int lineage) {}

  final FakeClock clock = FakeClock.at("2026-01-01T00:00:00Z");
  final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
  final Registry registry;
  private final Database database;
  private final WorkerManager workers;
  private final Router router;

  InvokeSideFixture(Path dir) {
    database = Database.sqlite(dir.resolve("gust.db"));
    registry =
        Registry.open(
            database,
            new BlobStore(dir.resolve("code")),
            clock,
            Runnable::run,
            Limits.defaults(),
            Ownership.everything());
    workers = new WorkerManager(List.of(), clock, WorkerManager.Settings.defaults());
    InvokePath path =
        new InvokePath(
            registry, new Concurrency(), workers, Metrics.create(clock), clock, new Random(7));
    EventInvocations events =
        (target, payload, requestId, lineage) ->
            accepted.add(new Accepted(target.invokedArn(), payload, requestId, lineage));
    List<Route> routes = new ArrayList<>();
    routes.addAll(new InvokeApi(registry, path, clock, events).routes());
    routes.addAll(new ProvisionedConcurrencyApi(registry.provisioned()).routes());
    routes.addAll(new EventInvokeConfigApi(registry).routes());
    router = new Router(routes);
  }

  /** Creates an Active function with {@code versions} published versions (1, 2, ...). */
  void function(String name, int versions) {
    ConfigChanges config =
        ConfigChanges.forCreate(
            "python3.13", "arn:aws:iam::000000000000:role/r", "handler.handler", Optional.empty());
    registry.create(
        SCOPE,
        new Registry.NewFunction(name, config, Optional.of(Zips.python("0")), Map.of(), false));
    for (int v = 1; v <= versions; v++) {
      registry.updateCode(
          SCOPE,
          name,
          Optional.of(Zips.python(Integer.toString(v))),
          Optional.empty(),
          Optional.empty(),
          true,
          false);
    }
  }

  HttpResponse send(String method, String path, String query, String body, String... headers) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      fields.put(headers[i], List.of(headers[i + 1]));
    }
    return send(method, path, query, body.getBytes(StandardCharsets.UTF_8), fields);
  }

  HttpResponse send(
      String method, String path, String query, byte[] body, Map<String, List<String>> headers) {
    return router.handle(
        HttpRequest.of(method, path, query, Headers.of(headers), body), "http://127.0.0.1");
  }

  @Override
  public void close() {
    workers.close();
    database.close();
  }
}
