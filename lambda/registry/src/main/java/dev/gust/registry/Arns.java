package dev.gust.registry;

import dev.gust.core.Scope;
import java.util.Optional;

/** The ARNs Lambda reports for functions, versions and aliases. */
public final class Arns {

  private Arns() {}

  public static String function(Scope scope, String name, Optional<String> qualifier) {
    return scope
        .arn("lambda", "function:" + name + qualifier.map(q -> ":" + q).orElse(""))
        .toString();
  }

  public static String function(Scope scope, String name, String qualifier) {
    return function(scope, name, Optional.of(qualifier));
  }
}
