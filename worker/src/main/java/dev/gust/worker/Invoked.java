package dev.gust.worker;

/**
 * What the worker reports for one invocation: its outcome, and its part of the log stream ({@code
 * START} to {@code REPORT}, at most the last 4 KB) for {@code LogType: Tail}.
 */
public record Invoked(InvokeOutcome outcome, String log) {}
