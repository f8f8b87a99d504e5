package org.parley.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.parley.cli.node.FarmSecrets;
import org.parley.cli.node.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley serve --config FILE}: one node of a farm, as its configuration file says. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Hosts the endpoints a configuration file selects on 127.0.0.1 until stopped, with their",
      "state in memory (one node) or in Redis (a farm: start several nodes with the same keys",
      "directory, secrets file and store). The file holds 'key = value' lines:",
      "  port = 8080                 0..65535, 0 picks a free port",
      "  keys = keys                 directory from 'parley keys dev' (required)",
      "  endpoints = all             or a comma list of plain, x509, sc13, sc200502,",
      "                              sc13-nocancel, sc13-cookie, web",
      "  store = memory              or redis://HOST:PORT",
      "  keyring = store             store (rotated through the store) or file (in the",
      "                              secrets file); default store with Redis, file with memory",
      "  secrets = keys/farm.secrets the farm's shared secrets, created on first start",
      "  context.mode = session      session or cookie",
      "  web.session.mode = cookie   cookie or reference",
      "  web.revocation.check = 30s  how long another node may still accept a signed-out",
      "                              cookie session, 0s..1h",
      "  keyring.rotation = 1d, keyring.activation-lead = 1h, keyring.refresh = 1m",
      "  redis.connect-timeout = 1s, redis.command-timeout = 500ms",
      "Relative paths are relative to the file. Unknown or repeated keys are errors.",
      "When the node is up it prints 'parley serve: ready on http://127.0.0.1:PORT'."
    })
final class ServeCommand implements Callable<Integer> {
  /** The line a supervisor (or a test) waits for; the base URL follows it. */
  static final String READY = "parley serve: ready on ";

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The node's configuration file (see above).")
  Path config;

  @Override
  public Integer call() {
    NodeConfig parsed;
    try {
      parsed = NodeConfig.parse(config);
    } catch (NodeConfig.Invalid e) {
      throw CliFailure.usage(e.getMessage());
    }
    if (parsed.keys() == null) {
      throw CliFailure.usage(
          config + ": keys is required (a directory written by 'parley keys dev')");
    }
    Path keyDir = parsed.keys();
    if (!Files.isDirectory(keyDir)) {
      throw CliFailure.usage(
          config
              + ": keys "
              + keyDir
              + " is not a directory; create one with 'parley keys dev --out "
              + keyDir
              + "'");
    }
    DemoCommand.Keys loaded = DemoCommand.loadKeys(keyDir, false);
    Path secrets = parsed.secrets().orElse(keyDir.resolve(FarmSecrets.DEFAULT_FILE));
    PrintWriter out = spec.commandLine().getOut();
    return NodeHost.host(
        out,
        parsed,
        loaded.keys(),
        secrets,
        "choose another port in " + config,
        node -> {
          out.println(
              "parley serve: store "
                  + node.stores().description()
                  + ", key ring "
                  + parsed.keyRing().name().toLowerCase(Locale.ROOT)
                  + ", contexts "
                  + parsed.contextMode().name().toLowerCase(Locale.ROOT)
                  + ", web sessions "
                  + parsed.webSessionMode().name().toLowerCase(Locale.ROOT));
          node.hosted()
              .forEach(
                  (endpoint, path) ->
                      out.println("  " + endpoint.configName() + " " + node.uri(path)));
          out.println(READY + "http://127.0.0.1:" + node.port());
        });
  }
}
