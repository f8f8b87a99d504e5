package org.parley.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a parley command in this JVM and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The error output as one trimmed line; fails the test when it is several lines. */
  String errLine() {
    String e = err.strip();
    if (e.contains("\n")) {
      throw new AssertionError("expected one line on stderr, got:\n" + err);
    }
    return e;
  }
}
