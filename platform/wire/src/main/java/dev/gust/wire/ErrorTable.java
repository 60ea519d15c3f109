package dev.gust.wire;

import dev.gust.core.ErrorType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How a service names its errors on each protocol: the JSON protocols' {@code __type} (the model's
 * shape id for modeled errors, from which the SDKs pick an exception class) and the query
 * protocol's error code, which older services kept when they moved to JSON and still send in {@code
 * x-amzn-query-error}. Immutable; each method returns a changed copy.
 */
public final class ErrorTable {

  private final String namespace;
  private final UnaryOperator<String> unmodeled;
  private final Map<String, String> queryCodes;
  private final boolean queryCompatible;

  private ErrorTable(
      String namespace,
      UnaryOperator<String> unmodeled,
      Map<String, String> queryCodes,
      boolean queryCompatible) {
    this.namespace = namespace;
    this.unmodeled = unmodeled;
    this.queryCodes = Map.copyOf(queryCodes);
    this.queryCompatible = queryCompatible;
  }

  /** Errors named by their code alone, on every protocol. */
  public static ErrorTable plain() {
    return new ErrorTable("", UnaryOperator.identity(), Map.of(), false);
  }

  /**
   * Modeled errors carry {@code namespace#Code} in {@code __type}; the others the name {@code
   * unmodeled} gives their code.
   */
  public static ErrorTable namespaced(String namespace, UnaryOperator<String> unmodeled) {
    return new ErrorTable(namespace, unmodeled, Map.of(), false);
  }

  /** Declares {@code type} as modeled, with the code the query protocol gives it. */
  public ErrorTable modeled(ErrorType type, String queryCode) {
    Map<String, String> codes = new HashMap<>(queryCodes);
    codes.put(type.code(), queryCode);
    return new ErrorTable(namespace, unmodeled, codes, queryCompatible);
  }

  /** Declares {@code type} as modeled, with the same code on the query protocol. */
  public ErrorTable modeled(ErrorType type) {
    return modeled(type, type.code());
  }

  /** JSON error replies also carry {@code x-amzn-query-error: Code;Sender}. */
  public ErrorTable queryCompatible() {
    return new ErrorTable(namespace, unmodeled, queryCodes, true);
  }

  String jsonType(ErrorType type) {
    if (namespace.isEmpty()) {
      return type.code();
    }
    return queryCodes.containsKey(type.code())
        ? namespace + "#" + type.code()
        : unmodeled.apply(type.code());
  }

  public String queryCode(ErrorType type) {
    return queryCodes.getOrDefault(type.code(), type.code());
  }

  boolean isQueryCompatible() {
    return queryCompatible;
  }
}
