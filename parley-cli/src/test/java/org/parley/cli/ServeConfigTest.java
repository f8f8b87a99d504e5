package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley serve --config FILE} with a bad file: one line on stderr naming the file, the line
 * and the key, exit code 2, never a stack trace; nothing is started.
 */
class ServeConfigTest {
  @TempDir Path dir;

  private CliRun serve(String config) throws Exception {
    Path file = dir.resolve("node.conf");
    Files.writeString(file, config, StandardCharsets.UTF_8);
    return CliRun.run("serve", "--config", file.toString());
  }

  private void refused(String config, String... fragments) throws Exception {
    CliRun r = serve(config);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.errLine()).startsWith("parley serve: ").contains(fragments);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownKey_isNamedWithItsLine() throws Exception {
    refused("port = 0\nstroe = memory\n", "node.conf line 2", "unknown key 'stroe'", "known: port");
  }

  @Test
  void repeatedKey_isRefused() throws Exception {
    refused("port = 0\n# again\nport = 1\n", "line 3", "key 'port' repeats line 1");
  }

  @Test
  void lineWithoutEquals_isRefused() throws Exception {
    refused("port 8080\n", "line 1", "expected 'key = value'");
  }

  @Test
  void emptyValue_isRefused() throws Exception {
    refused("store =\n", "line 1", "key 'store' has no value");
  }

  @Test
  void badValues_nameTheKeyAndWhatIsAccepted() throws Exception {
    refused("port = 70000\n", "line 1", "port must be in 0..65535, was 70000");
    refused("port = eighty\n", "port must be a whole number, was 'eighty'");
    refused("store = mysql://127.0.0.1:3306\n", "store must be memory or redis://HOST:PORT");
    refused("store = redis://127.0.0.1\n", "store must be memory or redis://HOST:PORT");
    refused("store = redis://127.0.0.1:6379/0?x=1\n", "store must be memory or redis://HOST:PORT");
    refused("context.mode = cookies\n", "context.mode must be one of session, cookie");
    refused("web.session.mode = db\n", "web.session.mode must be one of cookie, reference");
    refused("keyring = vault\n", "keyring must be one of file, store");
    refused("endpoints = sc13, tripleit\n", "endpoints: unknown endpoint 'tripleit'");
    refused("endpoints = sc13, sc13\n", "endpoints: 'sc13' is listed twice");
    refused(
        "web.revocation.check = 30\n", "web.revocation.check must be a whole number and a unit");
    refused("web.revocation.check = 2h\n", "web.revocation.check must be 0s..1h, was PT2H");
    refused("redis.command-timeout = 2m\n", "redis.command-timeout must be 1ms..1m, was PT2M");
    refused("redis.connect-timeout = 0ms\n", "redis.connect-timeout must be 1ms..1m, was PT0S");
  }

  @Test
  void keyRingSchedule_mustLoadKeysBeforeTheySeal() throws Exception {
    refused(
        "keyring = store\nkeyring.rotation = 1m\nkeyring.activation-lead = 10s\n"
            + "keyring.refresh = 10s\n",
        "keyring.refresh PT10S must be shorter than keyring.activation-lead PT10S");
    refused(
        "keyring = store\nkeyring.rotation = 1m\nkeyring.activation-lead = 1m\n",
        "keyring.activation-lead PT1M must be shorter than keyring.rotation PT1M");
  }

  @Test
  void keysAreRequired_andMustBeADirectory() throws Exception {
    refused("port = 0\n", "keys is required");
    refused("port = 0\nkeys = missing\n", "keys " + dir.resolve("missing") + " is not a directory");
  }

  @Test
  void overlongLine_andOversizedFile_areRefusedByTheirBounds() throws Exception {
    refused("# " + "x".repeat(2000) + "\n", "line 1", "NodeConfig.MAX_LINE_CHARS (1024)");
    refused(("# filler\n").repeat(8000), "NodeConfig.MAX_FILE_BYTES (65536 bytes)");
  }

  @Test
  void notUtf8_isRefused() throws Exception {
    Path file = dir.resolve("latin1.conf");
    Files.write(file, new byte[] {'p', 'o', 'r', 't', '=', (byte) 0xe9, '\n'});
    CliRun r = CliRun.run("serve", "--config", file.toString());
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.errLine()).contains("is not UTF-8 text");
  }

  @Test
  void missingFile_isAUsageError() {
    CliRun r = CliRun.run("serve", "--config", dir.resolve("nope.conf").toString());
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.errLine()).contains("nope.conf does not exist");
  }

  @Test
  void controlCharactersInAValue_areNotEchoed() throws Exception {
    refused("store = \u001b[31mred\n", "store must be memory or redis://HOST:PORT, was '?[31mred'");
  }

  @Test
  void brokenSecretsFile_isAUsageErrorThatShowsNoSecret() throws Exception {
    assertThat(CliRun.run("keys", "dev", "--out", dir.resolve("keys").toString()).exitCode())
        .isZero();
    Files.writeString(dir.resolve("keys/farm.secrets"), "user-key-secret = c2VjcmV0\n");
    refused("port = 0\nkeys = keys\n", "farm.secrets line 1", "user-key-secret must be 32 bytes");
    assertThat(serve("port = 0\nkeys = keys\n").err()).doesNotContain("c2VjcmV0");
  }

  @Test
  void demoStore_badValue_isAUsageError() {
    CliRun r = CliRun.run("demo", "--port", "0", "--store", "redis:/nohost");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.errLine()).contains("--store must be memory or redis://HOST:PORT");
  }
}
