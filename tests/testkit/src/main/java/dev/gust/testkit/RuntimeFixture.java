package dev.gust.testkit;

import java.util.Map;

/**
 * One runtime family's handlers for the runtime test matrix: a deployment package and, for each
 * {@link Behaviour}, the {@code Handler} setting that selects it. Every family implements the same
 * behaviours with the same observable contract, so one table of tests runs them all.
 *
 * @param runtime the {@code Runtime} setting, such as {@code python3.13}
 * @param zip the deployment package holding every handler
 * @param handlers the {@code Handler} setting per behaviour
 * @param failErrorType the {@code errorType} that {@link Behaviour#FAIL} reports
 * @param oomErrorType the {@code errorType} that {@link Behaviour#OOM} reports at 128 MB
 */
public record RuntimeFixture(
    String runtime,
    byte[] zip,
    Map<Behaviour, String> handlers,
    String failErrorType,
    String oomErrorType) {

  public RuntimeFixture {
    handlers = Map.copyOf(handlers);
    for (Behaviour behaviour : Behaviour.values()) {
      if (!handlers.containsKey(behaviour)) {
        throw new IllegalArgumentException(runtime + " has no handler for " + behaviour);
      }
    }
  }

  public String handler(Behaviour behaviour) {
    return handlers.get(behaviour);
  }

  /** What each handler does; the JSON shapes are the same in every runtime family. */
  public enum Behaviour {
    /**
     * Returns {@code {"event": <the event>, "count": <invocations of this environment so far,
     * starting at 1>, "functionName", "functionVersion", "invokedFunctionArn", "memoryLimitInMB" (a
     * number), "awsRequestId", "logGroupName", "logStreamName", "remainingTimeInMillis" (a number),
     * "clientContextCustom" (the client context's {@code custom} map or null), "cwd", "env":
     * {STAGE, AWS_LAMBDA_FUNCTION_NAME, AWS_REGION, _HANDLER, AWS_EXECUTION_ENV, AWS_ENDPOINT_URL,
     * AWS_LAMBDA_RUNTIME_API, LAMBDA_TASK_ROOT, TZ: each value or null}}}.
     */
    ECHO,
    /** Fails the invocation with errorMessage {@code "bad input: " + event.n}. */
    FAIL,
    /** Ends the runtime process with exit status 3. */
    CRASH,
    /** Sleeps 30 seconds, far past the test's timeout. */
    SLEEP,
    /** Allocates and touches memory, 16 MB at a time, until it is stopped (far above 128 MB). */
    OOM,
    /** A handler whose module or class fails while it is being loaded (init fails). */
    BROKEN_INIT,
    /**
     * Tries to create a file in the task root and in {@code /tmp}, and to read the file at {@code
     * event.path}; returns {@code {"codeWritable": bool, "tmpWritable": bool, "pathReadable": bool,
     * "processes": <number of numeric entries in /proc>}}.
     */
    FILES,
    /**
     * Writes {@code "to-stdout " + requestId} to stdout and {@code "to-stderr " + requestId} to
     * stderr, one line each, and returns {@code "logged"}.
     */
    LOG
  }
}
