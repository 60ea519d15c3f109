package dev.gust.invoke;

/**
 * What a reference invokes now ({@link InvokePath.Target}), or why nothing can be invoked through
 * it: the function, version or alias does not exist, or the function is still being created.
 */
public sealed interface Resolution
    permits InvokePath.Target, InvokeResult.NotFound, InvokeResult.Pending {}
