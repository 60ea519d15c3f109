package dev.gust.metrics;

import java.util.Map;
import java.util.Set;

/**
 * The metric names Gust exposes, as written in the exposition, and their help texts. Lambda's are
 * CloudWatch's names with a {@code lambda_} prefix; Gust's own have a {@code gust_} prefix.
 */
final class Names {

  static final String LAMBDA = "lambda_";

  static final String INVOCATIONS = LAMBDA + "Invocations";
  static final String ERRORS = LAMBDA + "Errors";
  static final String THROTTLES = LAMBDA + "Throttles";
  static final String DURATION = LAMBDA + "Duration";
  static final String CONCURRENT = LAMBDA + "ConcurrentExecutions";
  static final String UNRESERVED = LAMBDA + "UnreservedConcurrentExecutions";
  static final String PROVISIONED = LAMBDA + "ProvisionedConcurrentExecutions";
  static final String PROVISIONED_INVOCATIONS = LAMBDA + "ProvisionedConcurrencyInvocations";
  static final String UTILIZATION = LAMBDA + "ProvisionedConcurrencyUtilization";
  static final String SPILLOVER = LAMBDA + "ProvisionedConcurrencySpilloverInvocations";
  static final String COLD_STARTS = "gust_ColdStarts";
  static final String INIT_DURATION = "gust_InitDuration";
  static final String ENVIRONMENTS = "gust_Environments";
  static final String STEM_CELLS = "gust_StemCells";

  /** The Lambda names this module records itself; the generic counters may not reuse them. */
  static final Set<String> BUILT_IN =
      Set.of(
          INVOCATIONS,
          ERRORS,
          THROTTLES,
          DURATION,
          CONCURRENT,
          UNRESERVED,
          PROVISIONED,
          PROVISIONED_INVOCATIONS,
          UTILIZATION,
          SPILLOVER);

  private static final Map<String, String> HELP =
      Map.ofEntries(
          Map.entry(INVOCATIONS, "Invocations of the function code, successful or not."),
          Map.entry(ERRORS, "Invocations that ended in a function error."),
          Map.entry(THROTTLES, "Invoke requests refused for lack of concurrency."),
          Map.entry(DURATION, "Time the function code spent on an event, in milliseconds."),
          Map.entry(CONCURRENT, "Invocations in flight."),
          Map.entry(UNRESERVED, "Invocations in flight of functions without reserved concurrency."),
          Map.entry(PROVISIONED, "Invocations in flight on provisioned environments."),
          Map.entry(PROVISIONED_INVOCATIONS, "Invocations served by provisioned environments."),
          Map.entry(UTILIZATION, "Provisioned executions in flight over provisioned concurrency."),
          Map.entry(SPILLOVER, "Invocations served on demand while provisioned ones were busy."),
          Map.entry(COLD_STARTS, "Invocations that started a new execution environment."),
          Map.entry(INIT_DURATION, "Time a new environment spent in its init phase, in ms."),
          Map.entry(ENVIRONMENTS, "Execution environments on this node, busy or idle."),
          Map.entry(STEM_CELLS, "Started runtimes waiting to become an environment."));

  private Names() {}

  /** The help text of a metric; generic Lambda metrics get a plain one. */
  static String help(String name) {
    return HELP.getOrDefault(name, "Lambda's " + name.substring(LAMBDA.length()) + " metric.");
  }
}
