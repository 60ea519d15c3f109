package dev.gust.wire;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declarations on the components of a command or reply record: where a member travels, its name on
 * the wire when it is not the component's name in PascalCase, and the constraints of the service's
 * model. A component of type {@code Optional}, {@code List} or {@code Map} may be absent; any other
 * is required.
 */
public final class Member {

  private Member() {}

  /** The member's wire name, when it is not the component name with its first letter raised. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Name {
    String value();
  }

  /** REST: the member is the URI label {@code {value}} of the operation's path. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Path {
    String value();
  }

  /** REST: the member is the URI query parameter {@code value}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface QueryString {
    String value();
  }

  /** REST: the member is the HTTP header {@code value}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Header {
    String value();
  }

  /** REST: the member is the whole body: raw bytes for a {@code byte[]}, else a JSON document. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Payload {}

  /** REST reply: the member is the HTTP status code. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Status {}

  /**
   * Query protocol and XML: the member's name there when it differs from its JSON name, and whether
   * a list or map is flattened ({@code Name.1} instead of {@code Name.member.1}; repeated elements
   * instead of a wrapper).
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Form {
    String value() default "";

    boolean flat() default false;

    /** The name of a map entry's key. */
    String key() default "key";

    /** The name of a map entry's value. */
    String entryValue() default "value";
  }

  /**
   * A list or map the model requires: its absence is a violation, where an absent list or map
   * otherwise reads as empty.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Required {}

  /** The length of a string, or the size of a list or map. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Length {
    int min() default 0;

    int max() default Integer.MAX_VALUE;
  }

  /** The range of a number. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Range {
    long min() default Long.MIN_VALUE;

    long max() default Long.MAX_VALUE;
  }

  /** A regular expression the whole string must match. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Pattern {
    String value();
  }

  /** The values an enumerated string may take. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface OneOf {
    String[] value();
  }
}
