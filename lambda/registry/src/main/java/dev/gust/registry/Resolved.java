package dev.gust.registry;

import java.util.Optional;

/**
 * A function version found through a reference, and the alias that led to it, if any. The alias
 * decides the ARN reported back; its weights decide which version an invocation runs.
 */
public record Resolved(FunctionVersion version, Optional<Alias> alias) {}
