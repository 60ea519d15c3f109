package dev.gust.registry;

/** What {@code GetAccountSettings} reports for one account and region. */
public record AccountSettings(
    long totalCodeSizeLimit,
    long codeSizeUnzippedLimit,
    long codeSizeZippedLimit,
    int concurrentExecutions,
    int unreservedConcurrentExecutions,
    long totalCodeSizeUsed,
    long functionCount) {}
