package org.parley.cli;

import picocli.CommandLine.Command;

/** {@code parley}: the root command. */
@Command(
    name = "parley",
    mixinStandardHelpOptions = true,
    versionProvider = ParleyCommand.Version.class,
    description = "Secure conversations for the JVM: demo services, development keys, a client.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      CallCommand.class,
      KeysCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
final class ParleyCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a command is required: demo, serve, call, keys or help");
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ParleyCommand.class.getPackage().getImplementationVersion();
      return new String[] {"parley " + (v == null ? "development build" : v)};
    }
  }
}
