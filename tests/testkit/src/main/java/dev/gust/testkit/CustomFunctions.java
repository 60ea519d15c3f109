package dev.gust.testkit;

import dev.gust.testkit.RuntimeFixture.Behaviour;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The custom runtime family ({@code provided.al2023}) of the runtime test matrix: the package
 * brings its own executable {@code bootstrap}, which speaks the Runtime API itself. Here the
 * bootstrap is a shell script that starts a small Python loop, so the zip's Unix modes matter.
 */
public final class CustomFunctions {

  private static final String BOOTSTRAP =
      """
      #!/bin/sh
      exec /usr/bin/python3 -u "$LAMBDA_TASK_ROOT/loop.py"
      """;

  private static final String LOOP =
      """
      import json, os, sys, time, urllib.request

      API = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"
      HANDLER = os.environ["_HANDLER"]
      ENV = ("STAGE", "AWS_LAMBDA_FUNCTION_NAME", "AWS_REGION", "_HANDLER", "AWS_EXECUTION_ENV",
             "AWS_ENDPOINT_URL", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "TZ")

      def post(path, body, error_type=None):
          headers = {"Content-Type": "application/json"}
          if error_type:
              headers["Lambda-Runtime-Function-Error-Type"] = error_type
          data = json.dumps(body).encode()
          urllib.request.urlopen(urllib.request.Request(API + path, data, headers, method="POST"))

      if HANDLER == "broken":
          post("/init/error", {"errorMessage": "init went wrong", "errorType": "Custom.InitFailed"},
               "Custom.InitFailed")
          sys.exit(1)

      count = 0
      kept = []
      while True:
          with urllib.request.urlopen(API + "/invocation/next") as reply:
              event = json.loads(reply.read())
              headers = reply.headers
          request_id = headers["Lambda-Runtime-Aws-Request-Id"]
          count += 1
          if HANDLER == "echo":
              context = json.loads(headers.get("Lambda-Runtime-Client-Context") or "null")
              result = {
                  "event": event, "count": count,
                  "functionName": os.environ["AWS_LAMBDA_FUNCTION_NAME"],
                  "functionVersion": os.environ["AWS_LAMBDA_FUNCTION_VERSION"],
                  "invokedFunctionArn": headers["Lambda-Runtime-Invoked-Function-Arn"],
                  "memoryLimitInMB": int(os.environ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]),
                  "awsRequestId": request_id,
                  "logGroupName": os.environ["AWS_LAMBDA_LOG_GROUP_NAME"],
                  "logStreamName": os.environ["AWS_LAMBDA_LOG_STREAM_NAME"],
                  "remainingTimeInMillis":
                      int(headers["Lambda-Runtime-Deadline-Ms"]) - int(time.time() * 1000),
                  "clientContextCustom": (context or {}).get("custom"),
                  "cwd": os.getcwd(),
                  "env": {name: os.environ.get(name) for name in ENV},
              }
          elif HANDLER == "fail":
              post("/invocation/" + request_id + "/error",
                   {"errorMessage": "bad input: " + str(event.get("n")), "errorType": "CustomError"},
                   "CustomError")
              continue
          elif HANDLER == "crash":
              os._exit(3)
          elif HANDLER == "sleep":
              time.sleep(30)
          elif HANDLER == "oom":
              while True:
                  kept.append(bytearray(16 << 20))
          elif HANDLER == "files":
              import files
              result = files.handler(event, None)
          elif HANDLER == "log":
              print("to-stdout " + request_id)
              print("to-stderr " + request_id, file=sys.stderr)
              result = "logged"
          post("/invocation/" + request_id + "/response", result)
      """;

  private CustomFunctions() {}

  public static RuntimeFixture fixture() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("bootstrap", BOOTSTRAP);
    files.put("loop.py", LOOP);
    files.put("files.py", PythonFunctions.FILES);
    Map<Behaviour, String> handlers = new LinkedHashMap<>();
    handlers.put(Behaviour.ECHO, "echo");
    handlers.put(Behaviour.FAIL, "fail");
    handlers.put(Behaviour.CRASH, "crash");
    handlers.put(Behaviour.SLEEP, "sleep");
    handlers.put(Behaviour.OOM, "oom");
    handlers.put(Behaviour.BROKEN_INIT, "broken");
    handlers.put(Behaviour.FILES, "files");
    handlers.put(Behaviour.LOG, "log");
    return new RuntimeFixture(
        "provided.al2023",
        Zips.withModes(files, Set.of("bootstrap")),
        handlers,
        "CustomError",
        "Runtime.OutOfMemory");
  }
}
