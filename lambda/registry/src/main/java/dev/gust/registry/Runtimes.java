package dev.gust.registry;

import java.util.List;
import java.util.Set;

/**
 * The runtime identifiers Gust runs, and how it answers the others: identifiers AWS has retired are
 * refused as AWS refuses them, identifiers AWS knows but Gust does not run are refused with a clear
 * message, and anything else fails validation.
 */
final class Runtimes {

  private Runtimes() {}

  static final List<String> SUPPORTED =
      List.of(
          "python3.9",
          "python3.10",
          "python3.11",
          "python3.12",
          "python3.13",
          "python3.14",
          "nodejs18.x",
          "nodejs20.x",
          "nodejs22.x",
          "nodejs24.x",
          "java17",
          "java21",
          "java25",
          "provided.al2",
          "provided.al2023");

  /** Identifiers AWS no longer accepts for creating or updating functions. */
  static final Set<String> DEPRECATED =
      Set.of(
          "nodejs",
          "nodejs4.3",
          "nodejs4.3-edge",
          "nodejs6.10",
          "nodejs8.10",
          "nodejs10.x",
          "nodejs12.x",
          "nodejs14.x",
          "nodejs16.x",
          "java8",
          "python2.7",
          "python3.6",
          "python3.7",
          "python3.8",
          "dotnetcore1.0",
          "dotnetcore2.0",
          "dotnetcore2.1",
          "dotnetcore3.1",
          "dotnet6",
          "go1.x",
          "ruby2.5",
          "ruby2.7",
          "provided");

  /** Identifiers AWS accepts that Gust has no runtime for. */
  static final Set<String> NOT_RUN_BY_GUST =
      Set.of(
          "java8.al2", "java11", "dotnet8", "dotnet10", "ruby3.2", "ruby3.3", "ruby3.4", "ruby4.0");

  /** The newest runtime of the same language, recommended when a retired one is refused. */
  static String recommendedFor(String runtime) {
    if (runtime.startsWith("python")) {
      return "python3.14";
    }
    if (runtime.startsWith("nodejs")) {
      return "nodejs24.x";
    }
    if (runtime.startsWith("java")) {
      return "java25";
    }
    return "provided.al2023";
  }

  /** Every identifier in the Lambda API's {@code Runtime} enum. */
  static List<String> all() {
    List<String> all = new java.util.ArrayList<>(DEPRECATED);
    all.addAll(NOT_RUN_BY_GUST);
    all.addAll(SUPPORTED);
    return all.stream().sorted().toList();
  }
}
