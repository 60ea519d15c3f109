package dev.gust.registry;

/**
 * A deployment package in the blob store: its content key (hex SHA-256), the {@code CodeSha256}
 * clients see (base64 of the same digest, as AWS reports it), and its zipped and unzipped sizes.
 */
public record CodeArtifact(String blobKey, String sha256, long size, long unzippedSize) {}
