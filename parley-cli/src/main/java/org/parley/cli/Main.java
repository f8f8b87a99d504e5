package org.parley.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of {@code parley.jar}. */
public final class Main {
  /** Exit code of a failed command (connection refused, SOAP fault, I/O error). */
  public static final int EXIT_FAILED = 1;

  /** Exit code of a wrong command line (unknown option, bad value, missing directory). */
  public static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    // Jetty logs its start-up at INFO; the demo prints what matters itself.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(out, err, args));
  }

  /**
   * Runs one command in this JVM, writing to {@code out} and {@code err}; returns the exit code.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine(out, err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new ParleyCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine failed = ex.getCommandLine();
          err.println(
              prefix(failed)
                  + oneLine(ex.getMessage())
                  + " (see '"
                  + failed.getCommandSpec().qualifiedName()
                  + " --help')");
          err.flush();
          return EXIT_USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, failed, parseResult) -> {
          err.println(prefix(failed) + describe(ex));
          err.flush();
          return ex instanceof CliFailure f && f.isUsage() ? EXIT_USAGE : EXIT_FAILED;
        });
    return cl;
  }

  private static String prefix(CommandLine cl) {
    return cl.getCommandSpec().qualifiedName() + ": ";
  }

  /** One line for any failure: our own messages as they are, anything else by type and message. */
  static String describe(Throwable ex) {
    if (ex instanceof CliFailure) {
      return oneLine(ex.getMessage());
    }
    String message = ex.getMessage();
    return oneLine(ex.getClass().getSimpleName() + (message == null ? "" : ": " + message));
  }

  static String oneLine(String s) {
    return s == null ? "failed" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
