package dev.gust.sandbox;

/**
 * Where a runtime sees its directories, as written in its command and environment: {@code
 * /var/task}, {@code /var/runtime} and {@code /tmp} in a namespace sandbox, the host paths in a
 * plain process.
 */
public record SandboxPaths(String taskRoot, String runtimeDir, String tmp) {}
