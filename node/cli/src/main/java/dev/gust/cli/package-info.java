/** The {@code gust} command line: {@code gust server} runs a node in the foreground. */
package dev.gust.cli;
