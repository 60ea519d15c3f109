package dev.gust.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test of the store contract suite: it runs once per backend of {@link Databases#all}, with that
 * {@link Databases.Backend} as its first parameter.
 *
 * <pre>{@code
 * @StoreTest
 * void upsertReplacesTheDocument(Databases.Backend backend) {
 *   try (Database database = backend.open(dir)) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("dev.gust.store.Databases#all")
public @interface StoreTest {}
