package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded {@code parley-cli/target/parley.jar} runs on its own: keys, demo, call. */
class ParleyJarIT {
  private static final Pattern PLAIN_URL =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/services/DoubleItPlain)\\s");

  private static Path jar() {
    Path jar = Path.of(System.getProperty("parley.jar", "target/parley.jar")).toAbsolutePath();
    assertThat(jar).as("the shaded jar").isRegularFile();
    return jar;
  }

  private static List<String> java(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  private record Result(int exit, String out) {}

  private static Result run(Path dir, String... args) throws Exception {
    Process p =
        new ProcessBuilder(java(args)).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  @Test
  void jar_keysDemoAndCall_endToEnd(@TempDir Path dir) throws Exception {
    Result version = run(dir, "--version");
    assertThat(version.exit()).as(version.out()).isZero();
    assertThat(version.out()).startsWith("parley ");

    Result keys = run(dir, "keys", "dev", "--out", "keys");
    assertThat(keys.exit()).as(keys.out()).isZero();
    assertThat(Files.isRegularFile(dir.resolve("keys/service.p12"))).isTrue();

    Process demo =
        new ProcessBuilder(java("demo", "--port", "0"))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    try {
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException ignored) {
                  // the process ended
                }
              });
      reader.setDaemon(true);
      reader.start();
      String url = null;
      StringBuilder seen = new StringBuilder();
      while (url == null) {
        String line = lines.poll(120, TimeUnit.SECONDS);
        assertThat(line).as("demo output so far: " + seen).isNotNull();
        seen.append(line).append('\n');
        Matcher m = PLAIN_URL.matcher(line + "\n");
        if (m.find()) {
          url = m.group(1);
        }
      }
      // Without --keys the demo generates development keys into ./.parley/keys.
      assertThat(Files.isRegularFile(dir.resolve(".parley/keys/ca.pem"))).isTrue();

      Result call =
          run(dir, "call", "--url", url, "--op", "DoubleIt", "--arg", "21", "--count", "2");
      assertThat(call.exit()).as(call.out()).isZero();
      assertThat(call.out().lines()).containsExactly("DoubleIt(21) = 42", "DoubleIt(21) = 42");

      Result x509 =
          run(
              dir,
              "call",
              "--url",
              url.replace("DoubleItPlain", "DoubleItX509"),
              "--keys",
              ".parley/keys",
              "--op",
              "DoubleIt",
              "--arg",
              "21");
      assertThat(x509.exit()).as(x509.out()).isZero();
      assertThat(x509.out().strip()).isEqualTo("DoubleIt(21) = 42");

      Result sc13 =
          run(
              dir,
              "call",
              "--wsdl",
              url.replace("DoubleItPlain", "DoubleItSC13") + "?wsdl",
              "--keys",
              ".parley/keys",
              "--op",
              "DoubleIt",
              "--arg",
              "21",
              "--count",
              "3",
              "--cancel");
      assertThat(sc13.exit()).as(sc13.out()).isZero();
      assertThat(sc13.out().lines())
          .containsExactly("DoubleIt(21) = 42", "DoubleIt(21) = 42", "DoubleIt(21) = 42");

      Result bad = run(dir, "call", "--url", url, "--op", "DoubleIt", "--arg", "2147483647");
      assertThat(bad.exit()).isEqualTo(1);
      assertThat(bad.out().strip()).startsWith("parley call: ").doesNotContain("\n");
    } finally {
      demo.destroy();
      if (!demo.waitFor(30, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
  }
}
