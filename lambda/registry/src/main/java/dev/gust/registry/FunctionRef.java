package dev.gust.registry;

import dev.gust.core.Violations;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reference to a function as clients write it: a name ({@code my-function}), a name with a
 * qualifier ({@code my-function:prod}), a partial ARN ({@code 123456789012:function:my-function})
 * or a full ARN, qualified or not. An ARN's region, when present, names the region to look in.
 */
public record FunctionRef(String name, Optional<String> qualifier, Optional<String> region) {

  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]+");
  static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|[a-zA-Z0-9-_]+");
  static final Pattern FUNCTION_NAME_PATTERN =
      Pattern.compile(
          "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
              + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final int MAX_NAME = 64;

  public static FunctionRef unqualified(String name) {
    return new FunctionRef(name, Optional.empty(), Optional.empty());
  }

  /** The same function with the given qualifier. */
  public FunctionRef withQualifier(String qualifier) {
    return new FunctionRef(name, Optional.of(qualifier), region);
  }

  /**
   * Parses a function reference and merges it with a separately given qualifier ({@code Qualifier}
   * query parameter). A reference that cannot be a function fails with AWS's {@code
   * ValidationException}; a qualifier that disagrees with the one in the name fails as on AWS.
   *
   * @param maxLength the operation's limit on the whole reference (140 or 256 in the model)
   */
  public static FunctionRef parse(String text, Optional<String> qualifierParam, int maxLength) {
    Violations violations = new Violations();
    violations.length("functionName", text, 1, maxLength);
    violations.throwIfAny();
    FunctionRef ref = split(text);
    if (!NAME.matcher(ref.name).matches()
        || ref.qualifier.filter(q -> !QUALIFIER.matcher(q).matches()).isPresent()) {
      violations.pattern("functionName", text, FUNCTION_NAME_PATTERN);
    }
    if (ref.name.length() > MAX_NAME) {
      violations.add("functionName", ref.name, "Member must have length less than or equal to 64");
    }
    qualifierParam.ifPresent(
        q -> {
          violations.length("qualifier", q, 1, 128);
          violations.pattern("qualifier", q, QUALIFIER);
        });
    violations.throwIfAny();
    if (qualifierParam.isPresent()) {
      if (ref.qualifier.isPresent() && !ref.qualifier.equals(qualifierParam)) {
        throw LambdaErrors.INVALID_PARAMETER.exception(
            "The derived qualifier from the function name does not match the specified qualifier.");
      }
      return new FunctionRef(ref.name, qualifierParam, ref.region);
    }
    return ref;
  }

  /** Like {@link #parse} for operations that act on the unqualified function only. */
  static FunctionRef parseUnqualified(String text) {
    FunctionRef ref = parse(text, Optional.empty(), 140);
    if (ref.qualifier.isPresent()) {
      throw LambdaErrors.INVALID_PARAMETER.exception(
          "This operation is not supported on a qualified function: %s", text);
    }
    return ref;
  }

  private static FunctionRef split(String text) {
    String[] parts = text.split(":", -1);
    if (parts[0].equals("arn") && parts.length >= 7 && parts.length <= 8) {
      boolean shaped =
          parts[2].equals("lambda")
              && parts[5].equals("function")
              && ACCOUNT.matcher(parts[4]).matches();
      if (shaped) {
        return new FunctionRef(parts[6], qualifierAt(parts, 7), Optional.of(parts[3]));
      }
    } else if (parts.length >= 3
        && parts.length <= 4
        && ACCOUNT.matcher(parts[0]).matches()
        && parts[1].equals("function")) {
      return new FunctionRef(parts[2], qualifierAt(parts, 3), Optional.empty());
    } else if (parts.length <= 2) {
      return new FunctionRef(parts[0], qualifierAt(parts, 1), Optional.empty());
    }
    return new FunctionRef(text, Optional.empty(), Optional.empty());
  }

  private static Optional<String> qualifierAt(String[] parts, int index) {
    return parts.length > index ? Optional.of(parts[index]) : Optional.empty();
  }
}
