package dev.gust.wire;

import dev.gust.core.AwsException;
import dev.gust.core.Violations;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a service reports what its codec finds wrong in a request: absent required members either
 * join the validation message (the default) or raise the service's own error at once (SQS's {@code
 * MissingParameter}).
 */
record Decoding(Optional<Function<String, AwsException>> onMissing) {

  static final Decoding DEFAULT = new Decoding(Optional.empty());

  void missing(MemberShape member, String path, Violations violations) {
    if (onMissing.isPresent()) {
      throw onMissing.get().apply(member.name());
    }
    violations.missing(path);
  }

  /** A nested structure read but not yet checked: {@link StructShape#build} resolves it. */
  record Partial(StructShape shape, Object[] values) {}

  /** An enumeration value outside the model's set, reported as a violation when resolved. */
  record Unknown(String text, Shape.EnumOf shape) {}

  /** Stands for a member whose violations were already reported. */
  static final Object INVALID = new Object();

  /** A request whose bytes do not fit the model: not JSON, or a member of the wrong type. */
  static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
