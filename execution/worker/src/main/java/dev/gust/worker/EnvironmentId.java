package dev.gust.worker;

/** Names one execution environment: the worker it lives on and its number there. */
public record EnvironmentId(String worker, long number) {}
