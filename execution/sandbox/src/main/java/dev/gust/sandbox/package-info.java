/**
 * Sandboxes: where a function's runtime process runs. {@link dev.gust.sandbox.SandboxBackend} is
 * the SPI; {@link dev.gust.sandbox.ProcessBackend} runs the runtime as a plain child process, for
 * hosts without namespaces. Every backend guarantees that no runtime process outlives the node:
 * processes are tied to the node's life and whole process trees are killed on shutdown.
 */
package dev.gust.sandbox;
