package dev.gust.testkit;

import dev.gust.testkit.RuntimeFixture.Behaviour;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Node.js family of the runtime test matrix: one deployment package with a handler for every
 * {@link Behaviour}. The handlers mix the module systems and handler styles Lambda accepts: ES
 * modules by extension ({@code .mjs}) and by {@code "type": "module"} in a package.json, CommonJS
 * by {@code .js} and {@code .cjs}, async handlers and a callback handler.
 */
public final class NodeFunctions {

  private static final String ECHO =
      """
      // ES module (.mjs): the count lives as long as the execution environment.
      let count = 0;

      const ENV = ['STAGE', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_REGION', '_HANDLER', 'AWS_EXECUTION_ENV',
        'AWS_ENDPOINT_URL', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'TZ'];

      export const handler = async (event, context) => {
        count++;
        return {
          event,
          count,
          functionName: context.functionName,
          functionVersion: context.functionVersion,
          invokedFunctionArn: context.invokedFunctionArn,
          memoryLimitInMB: Number(context.memoryLimitInMB),
          awsRequestId: context.awsRequestId,
          logGroupName: context.logGroupName,
          logStreamName: context.logStreamName,
          remainingTimeInMillis: context.getRemainingTimeInMillis(),
          clientContextCustom: context.clientContext?.custom ?? null,
          cwd: process.cwd(),
          env: Object.fromEntries(ENV.map((name) => [name, process.env[name] ?? null])),
        };
      };
      """;

  private static final String FAIL =
      """
      // CommonJS, callback style.
      exports.handler = (event, context, callback) => {
        callback(new Error('bad input: ' + event.n));
      };
      """;

  private static final String CRASH =
      """
      // CommonJS by extension (.cjs).
      exports.handler = async () => {
        process.exit(3);
      };
      """;

  private static final String SLEEP =
      """
      // An ES module by the "type": "module" of esm/package.json.
      export const handler = async () => {
        await new Promise((resolve) => setTimeout(resolve, 30_000));
        return 'slept';
      };
      """;

  private static final String OOM =
      """
      // Buffers live outside the JavaScript heap, so only the sandbox's memory limit stops this.
      const kept = [];

      exports.handler = async () => {
        for (;;) {
          const chunk = Buffer.allocUnsafe(16 * 1024 * 1024);
          chunk.fill(1);
          kept.push(chunk);
          await new Promise((resolve) => setImmediate(resolve));
        }
      };
      """;

  private static final String BROKEN_INIT =
      """
      throw new Error('this module fails while it is being loaded');
      """;

  private static final String FILES =
      """
      const fs = require('fs');
      const path = require('path');

      function canWrite(dir) {
        const file = path.join(dir, '.gust-probe-' + process.pid);
        try {
          fs.writeFileSync(file, 'probe');
        } catch {
          return false;
        }
        try {
          fs.unlinkSync(file);
        } catch {}
        return true;
      }

      function canRead(file) {
        try {
          fs.readFileSync(String(file));
          return true;
        } catch {
          return false;
        }
      }

      function processes() {
        try {
          return fs.readdirSync('/proc').filter((name) => /^[0-9]+$/.test(name)).length;
        } catch {
          return 0;
        }
      }

      exports.handler = async (event) => ({
        codeWritable: canWrite(process.env.LAMBDA_TASK_ROOT || process.cwd()),
        tmpWritable: canWrite('/tmp'),
        pathReadable: event != null && event.path != null && canRead(event.path),
        processes: processes(),
      });
      """;

  private static final String LOG =
      """
      export const handler = async (event, context) => {
        console.log('to-stdout ' + context.awsRequestId);
        // On Lambda every console method writes to stdout; stderr takes a direct write.
        process.stderr.write('to-stderr ' + context.awsRequestId + '\\n');
        return 'logged';
      };
      """;

  private NodeFunctions() {}

  /** The Node.js fixture, declared as {@code nodejs22.x}. */
  public static RuntimeFixture fixture() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("echo.mjs", ECHO);
    files.put("fail.js", FAIL);
    files.put("crash.cjs", CRASH);
    files.put("esm/package.json", "{\"type\": \"module\"}\n");
    files.put("esm/sleep.js", SLEEP);
    files.put("oom.js", OOM);
    files.put("broken.js", BROKEN_INIT);
    files.put("files.js", FILES);
    files.put("log.mjs", LOG);
    Map<Behaviour, String> handlers = new LinkedHashMap<>();
    handlers.put(Behaviour.ECHO, "echo.handler");
    handlers.put(Behaviour.FAIL, "fail.handler");
    handlers.put(Behaviour.CRASH, "crash.handler");
    handlers.put(Behaviour.SLEEP, "esm/sleep.handler");
    handlers.put(Behaviour.OOM, "oom.handler");
    handlers.put(Behaviour.BROKEN_INIT, "broken.handler");
    handlers.put(Behaviour.FILES, "files.handler");
    handlers.put(Behaviour.LOG, "log.handler");
    return new RuntimeFixture(
        "nodejs22.x", Zips.of(files), handlers, "Error", "Runtime.OutOfMemory");
  }
}
