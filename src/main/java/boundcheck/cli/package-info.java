/** The command line (picocli): {@code check}, {@code parse}; exit codes 0 (as expected), 1 (unexpected verdicts), 2 (unusable input). */
package boundcheck.cli;
