package dev.gust.testkit;

import dev.gust.testkit.RuntimeFixture.Behaviour;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Python family of the runtime test matrix: one package, one module per behaviour. */
public final class PythonFunctions {

  static final String ECHO =
      """
      import os
      count = 0
      ENV = ("STAGE", "AWS_LAMBDA_FUNCTION_NAME", "AWS_REGION", "_HANDLER", "AWS_EXECUTION_ENV",
             "AWS_ENDPOINT_URL", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "TZ")

      def handler(event, context):
          global count
          count += 1
          client = context.client_context
          return {
              "event": event,
              "count": count,
              "functionName": context.function_name,
              "functionVersion": context.function_version,
              "invokedFunctionArn": context.invoked_function_arn,
              "memoryLimitInMB": int(context.memory_limit_in_mb),
              "awsRequestId": context.aws_request_id,
              "logGroupName": context.log_group_name,
              "logStreamName": context.log_stream_name,
              "remainingTimeInMillis": context.get_remaining_time_in_millis(),
              "clientContextCustom": client.custom if client else None,
              "cwd": os.getcwd(),
              "env": {name: os.environ.get(name) for name in ENV},
          }
      """;

  static final String FILES =
      """
      import os

      def attempt(action):
          try:
              action()
              return True
          except OSError:
              return False

      def write(path):
          with open(path, "w") as f:
              f.write("x")

      def read(path):
          with open(path, "rb") as f:
              f.read(1)

      def handler(event, context):
          return {
              "codeWritable": attempt(lambda: write(os.path.join(os.getcwd(), "new-file"))),
              "tmpWritable": attempt(lambda: write("/tmp/probe")),
              "pathReadable": attempt(lambda: read(event["path"])),
              "processes": sum(1 for name in os.listdir("/proc") if name.isdigit()),
          }
      """;

  private PythonFunctions() {}

  public static RuntimeFixture fixture() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("echo.py", ECHO);
    files.put(
        "fail.py",
        "def handler(event, context):\n    raise ValueError('bad input: ' + str(event.get('n')))\n");
    files.put("crash.py", "import os\ndef handler(event, context):\n    os._exit(3)\n");
    files.put("sleep.py", "import time\ndef handler(event, context):\n    time.sleep(30)\n");
    files.put(
        "oom.py",
        """
        kept = []
        def handler(event, context):
            while True:
                kept.append(bytearray(16 << 20))
        """);
    files.put("broken.py", "raise RuntimeError('init went wrong')\n");
    files.put("files.py", FILES);
    files.put(
        "log.py",
        """
        import sys
        def handler(event, context):
            print("to-stdout " + context.aws_request_id)
            print("to-stderr " + context.aws_request_id, file=sys.stderr)
            return "logged"
        """);
    Map<Behaviour, String> handlers = new LinkedHashMap<>();
    handlers.put(Behaviour.ECHO, "echo.handler");
    handlers.put(Behaviour.FAIL, "fail.handler");
    handlers.put(Behaviour.CRASH, "crash.handler");
    handlers.put(Behaviour.SLEEP, "sleep.handler");
    handlers.put(Behaviour.OOM, "oom.handler");
    handlers.put(Behaviour.BROKEN_INIT, "broken.handler");
    handlers.put(Behaviour.FILES, "files.handler");
    handlers.put(Behaviour.LOG, "log.handler");
    return new RuntimeFixture(
        "python3.13", Zips.of(files), handlers, "ValueError", "Runtime.OutOfMemory");
  }
}
