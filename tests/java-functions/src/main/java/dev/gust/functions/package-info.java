/**
 * Lambda functions written the way AWS's developer guide writes them, against {@code
 * aws-lambda-java-core} and {@code aws-lambda-java-events}, so that Gust's Java runtimes are tested
 * with ordinary, unmodified handlers. Each class is one behaviour of the runtime test matrix
 * ({@code dev.gust.testkit.RuntimeFixture.Behaviour}); together they cover every handler shape the
 * runtime interface client supports: a typed {@code RequestHandler} (maps, a POJO, events), a
 * {@code RequestStreamHandler} and a plain method named as {@code Class::method}.
 *
 * <p>Compiled for Java 17, the oldest Java runtime Gust runs.
 */
package dev.gust.functions;
