package org.parley.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.parley.cli.demo.DoubleIt;
import org.parley.cli.keys.DevKeys;
import org.parley.cli.node.FarmSecrets;
import org.parley.cli.node.NodeConfig;
import org.parley.cli.node.ParleyNode;
import org.parley.sts.demo.DemoFederation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley demo [--port P] [--keys DIR] [--store STORE]}: hosts the demo services until
 * interrupted.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Hosts the demo on 127.0.0.1 until Ctrl-C: the DoubleIt services, unsecured and protected per",
      "message with X.509 and in WS-SecureConversation contexts (DoubleItSC13, DoubleItSC200502,",
      "DoubleItSC13NoCancel, DoubleItSC13Cookie in cookie mode, DoubleItSC13Reliable with",
      "WS-ReliableMessaging; clients need a certificate issued by the CA in the keys directory),",
      "a security token service (/sts/passive, /sts/trust) and a relying-party web app (/app/).",
      "Without --keys, development keys are generated into ./.parley/keys once and reused."
    })
final class DemoCommand implements Callable<Integer> {
  /** Where development keys go when {@code --keys} is absent. */
  static final Path DEFAULT_KEYS = Path.of(".parley", "keys");

  static final String PLAIN_PATH = ParleyNode.PLAIN_PATH;
  static final String X509_PATH = ParleyNode.X509_PATH;
  static final String SC13_PATH = ParleyNode.SC13_PATH;
  static final String SC200502_PATH = ParleyNode.SC200502_PATH;
  static final String SC13_NO_CANCEL_PATH = ParleyNode.SC13_NO_CANCEL_PATH;
  static final String SC13_COOKIE_PATH = ParleyNode.SC13_COOKIE_PATH;
  static final String SC13_RELIABLE_PATH = ParleyNode.SC13_RELIABLE_PATH;

  /** Development keys and what happened to them, for the user. */
  record Keys(DevKeys keys, String note) {}

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8080",
      description = "TCP port on 127.0.0.1 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--keys",
      paramLabel = "DIR",
      description =
          "Directory with ca.p12, service.p12, client.p12, ca.pem (see 'parley keys dev').")
  Path keys;

  @Option(
      names = "--store",
      paramLabel = "STORE",
      defaultValue = "memory",
      description = {
        "Where contexts, replay cache, web sessions, sign-out marks and the key ring live:",
        "memory (this process, the default) or redis://HOST:PORT (shared by every node)."
      })
  String store;

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      throw CliFailure.usage("--port must be in 0..65535, was " + port);
    }
    NodeConfig config;
    try {
      config = NodeConfig.builder().port(port).store(store).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliFailure.usage("--" + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    Path keyDir = keys != null ? keys : DEFAULT_KEYS;
    Keys loaded = loadKeys(keyDir, keys == null);
    return NodeHost.host(
        out,
        config,
        loaded.keys(),
        keyDir.resolve(FarmSecrets.DEFAULT_FILE),
        "choose another with --port",
        server -> banner(out, server, keyDir, loaded));
  }

  private static void banner(PrintWriter out, ParleyNode server, Path keyDir, Keys loaded) {
    out.println("Parley demo on http://127.0.0.1:" + server.port());
    out.println("  DoubleItPlain (unsecured, SOAP 1.2)  " + server.uri(PLAIN_PATH));
    out.println("    WSDL                               " + server.uri(PLAIN_PATH) + "?wsdl");
    out.println("  DoubleItX509 (X.509 per message)     " + server.uri(X509_PATH));
    out.println("    WSDL                               " + server.uri(X509_PATH) + "?wsdl");
    endpoint(out, server, "DoubleItSC13 (WS-SC 1.3)", SC13_PATH);
    endpoint(out, server, "DoubleItSC200502 (WS-SC 2005/02)", SC200502_PATH);
    endpoint(out, server, "DoubleItSC13NoCancel (no Cancel)", SC13_NO_CANCEL_PATH);
    endpoint(out, server, "DoubleItSC13Cookie (cookie mode)", SC13_COOKIE_PATH);
    endpoint(out, server, "DoubleItSC13Reliable (SC + WS-RM)", SC13_RELIABLE_PATH);
    out.println("  Web app (sign in through the STS)    " + server.uri(DemoFederation.APP_PATH));
    out.println("    users: alice / alice-password, bob / bob-password (many claims)");
    out.println("  STS, WS-Federation passive           " + server.uri(DemoFederation.STS_PATH));
    out.println("  STS, WS-Trust 1.3 (username token)   " + server.uri(DemoFederation.TRUST_PATH));
    out.println("  store: " + server.stores().description());
    out.println("  keys: " + keyDir.toAbsolutePath().normalize() + " (" + loaded.note() + ")");
    out.println(
        "Try: ./parley call --url "
            + server.uri(PLAIN_PATH)
            + " --op "
            + DoubleIt.OPERATION
            + " --arg 21");
    out.println(
        "     ./parley call --url "
            + server.uri(X509_PATH)
            + " --keys "
            + keyDir
            + " --op "
            + DoubleIt.OPERATION
            + " --arg 21");
    out.println(
        "     ./parley call --wsdl "
            + server.uri(SC13_PATH)
            + "?wsdl --keys "
            + keyDir
            + " --op "
            + DoubleIt.OPERATION
            + " --arg 21 --count 3 --cancel");
    out.println("Press Ctrl-C to stop.");
  }

  /** Two lines: the endpoint under a label padded to the column of the others, and its WSDL. */
  private static void endpoint(PrintWriter out, ParleyNode server, String label, String path) {
    String uri = server.uri(path).toString();
    out.println("  " + pad(label, 37) + uri);
    out.println("    " + pad("WSDL", 35) + uri + "?wsdl");
  }

  /** {@code label} and at least one space, {@code width} characters when it fits. */
  private static String pad(String label, int width) {
    StringBuilder b = new StringBuilder(label);
    do {
      b.append(' ');
    } while (b.length() < width);
    return b.toString();
  }

  /**
   * Loads the keys in {@code dir}; when {@code generateIfMissing} (the default directory), creates
   * them on first use. Returns a note for the user.
   */
  static Keys loadKeys(Path dir, boolean generateIfMissing) {
    if (generateIfMissing && !DevKeys.presentIn(dir)) {
      return new Keys(KeysCommand.generateInto(dir, false), "generated development keys");
    }
    if (!Files.isDirectory(dir)) {
      throw CliFailure.usage(
          "--keys "
              + dir
              + " is not a directory; create one with 'parley keys dev --out "
              + dir
              + "'");
    }
    try {
      return new Keys(DevKeys.load(dir), "loaded");
    } catch (NoSuchFileException e) {
      throw CliFailure.usage(
          e.getFile() + " is missing; create the keys with 'parley keys dev --out " + dir + "'");
    } catch (IOException | GeneralSecurityException e) {
      throw CliFailure.failed(
          "cannot read the keys in "
              + dir
              + " (password "
              + DevKeys.PASSWORD
              + "?): "
              + e.getMessage(),
          e);
    }
  }
}
