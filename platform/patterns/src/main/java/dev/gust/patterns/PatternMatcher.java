package dev.gust.patterns;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

/**
 * Event patterns (EventBridge rules, SNS filter policies, event source mapping filters) matched by
 * AWS's own {@code event-ruler}. A compiled machine is kept per distinct pattern text, so a pattern
 * is compiled once however many events it sees. Thread-safe.
 */
public final class PatternMatcher {

  private static final int MAX_CACHED = 10_000;

  private final Map<String, Machine> machines = new ConcurrentHashMap<>();

  /** Why {@code pattern} is not a valid pattern, or empty if it is one. */
  public static Optional<String> problem(String pattern) {
    String problem;
    try {
      problem = JsonRuleCompiler.check(pattern);
    } catch (RuntimeException e) {
      problem = e.getMessage() == null ? e.toString() : e.getMessage();
    }
    return Optional.ofNullable(problem);
  }

  /**
   * Whether {@code event} matches {@code pattern}.
   *
   * @throws IllegalArgumentException if the pattern is not valid
   */
  public boolean matches(String pattern, JsonNode event) {
    return !machine(pattern).rulesForJSONEvent(event).isEmpty();
  }

  private Machine machine(String pattern) {
    Machine machine = machines.get(pattern);
    if (machine != null) {
      return machine;
    }
    if (machines.size() >= MAX_CACHED) {
      machines.clear();
    }
    Machine compiled = new Machine();
    try {
      compiled.addRule("pattern", pattern);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("invalid event pattern: " + e.getMessage(), e);
    }
    machines.put(pattern, compiled);
    return compiled;
  }
}
