package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Every bad input ends with exit code 2 (usage) or 1 (failure) and exactly one line. */
class CommandLineErrorsTest {
  private static void usage(String expectedFragment, String... args) {
    CliRun r = CliRun.run(args);
    assertThat(r.exitCode())
        .as(String.join(" ", args) + " -> " + r.err())
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(r.errLine()).contains(expectedFragment);
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void noCommand() {
    usage("a command is required");
  }

  @Test
  void unknownCommand() {
    usage("Unmatched argument", "serve-everything");
  }

  @Test
  void badPorts() {
    usage("--port must be in 0..65535, was 65536", "demo", "--port", "65536");
    usage("--port must be in 0..65535, was -1", "demo", "--port", "-1");
    usage("'abc' is not an int", "demo", "--port", "abc");
  }

  @Test
  void demoKeysDirMissing() {
    usage("is not a directory", "demo", "--port", "0", "--keys", "/nonexistent/parley-keys");
  }

  @Test
  void callArguments() {
    usage(
        "unknown operation 'TripleIt'",
        "call",
        "--url",
        "http://127.0.0.1:1/x",
        "--op",
        "TripleIt",
        "--arg",
        "1");
    usage(
        "--count must be in 1..",
        "call",
        "--url",
        "http://127.0.0.1:1/x",
        "--op",
        "DoubleIt",
        "--arg",
        "1",
        "--count",
        "0");
    usage(
        "must be an http:// or https:// URL",
        "call",
        "--url",
        "ftp://127.0.0.1/x",
        "--op",
        "DoubleIt",
        "--arg",
        "1");
    usage("is not a URL", "call", "--url", "http://bad host/", "--op", "DoubleIt", "--arg", "1");
    usage(
        "'x' is not an int",
        "call",
        "--url",
        "http://127.0.0.1:1/x",
        "--op",
        "DoubleIt",
        "--arg",
        "x");
    usage("Missing required", "call", "--op", "DoubleIt", "--arg", "1");
    usage(
        "mutually exclusive",
        "call",
        "--url",
        "http://127.0.0.1:1/x",
        "--wsdl",
        "http://127.0.0.1:1/x?wsdl",
        "--op",
        "DoubleIt",
        "--arg",
        "1");
    usage(
        "--keys /nonexistent/k is not a directory",
        "call",
        "--url",
        "http://127.0.0.1:1/x",
        "--keys",
        "/nonexistent/k",
        "--op",
        "DoubleIt",
        "--arg",
        "1");
  }

  @Test
  void callConnectionRefused_isFailureNamingTheUrl() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/services/DoubleItPlain";
    CliRun r = CliRun.run("call", "--url", url, "--op", "DoubleIt", "--arg", "21");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILED);
    assertThat(r.errLine())
        .isEqualTo(
            "parley call: cannot connect to " + url + " (connection refused or unreachable)");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void helpAndVersion_exitZero() {
    assertThat(CliRun.run("--help").out()).contains("demo", "call", "keys");
    assertThat(CliRun.run("--version").exitCode()).isZero();
    assertThat(CliRun.run("call", "--help").out()).contains("--count");
  }
}
