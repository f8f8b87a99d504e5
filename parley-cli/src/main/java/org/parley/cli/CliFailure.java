package org.parley.cli;

/**
 * A failure reported to the user as one line, without a stack trace. {@link #usage} failures (a bad
 * argument) exit with 2, others with 1.
 */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean usage;

  private CliFailure(String message, boolean usage, Throwable cause) {
    super(message, cause);
    this.usage = usage;
  }

  /** The command line asked for something impossible: exit code 2. */
  static CliFailure usage(String message) {
    return new CliFailure(message, true, null);
  }

  /** The work failed: exit code 1. */
  static CliFailure failed(String message, Throwable cause) {
    return new CliFailure(message, false, cause);
  }

  boolean isUsage() {
    return usage;
  }
}
