package dev.gust.wire;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a command record as one operation of its service: its AWS name when it is not the
 * record's simple name, and for REST services the method, the URI template and the status of a
 * successful reply.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Operation {

  /** The AWS name; empty means the record's simple name. */
  String name() default "";

  /** REST: {@code "POST /2015-03-31/functions/{FunctionName}/invocations"}. */
  String http() default "";

  /** REST: the status of a successful reply. */
  int status() default 200;

  /** The largest request body, in bytes; 0 means the service's default. */
  long maxBody() default 0;
}
