package org.parley.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.parley.cli.keys.DevKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code parley keys}: key material. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Key material for Parley services and clients.",
    subcommands = {KeysCommand.Dev.class})
final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: dev");
  }

  /** {@code parley keys dev --out DIR [--force]}. */
  @Command(
      name = "dev",
      mixinStandardHelpOptions = true,
      description = {
        "Writes a development CA and service and client key pairs (RSA 2048) as PKCS#12 files",
        "ca.p12, service.p12, client.p12 (password '" + DevKeys.PASSWORD + "') and ca.pem.",
        "The service certificate is for localhost and 127.0.0.1. Not for production."
      })
  static final class Dev implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Directory to write to (created when missing).")
    Path out;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    @Override
    public Integer call() {
      DevKeys keys = generateInto(out, force);
      spec.commandLine()
          .getOut()
          .println(
              "wrote "
                  + String.join(
                      ", ", DevKeys.FILES.stream().map(f -> out.resolve(f).toString()).toList())
                  + " (CA "
                  + keys.caCertificate().getSubjectX500Principal().getName()
                  + ")");
      return 0;
    }
  }

  /** Generates and writes development keys, turning every failure into one line. */
  static DevKeys generateInto(Path dir, boolean force) {
    if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
      throw CliFailure.usage(dir + " is not a directory");
    }
    try {
      DevKeys keys = DevKeys.generate(Clock.systemUTC(), new SecureRandom());
      keys.writeTo(dir, force);
      return keys;
    } catch (FileAlreadyExistsException e) {
      throw CliFailure.usage(e.getFile() + " exists; pass --force to overwrite");
    } catch (FileSystemException e) {
      throw CliFailure.usage(
          "cannot write to "
              + dir
              + ": "
              + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()));
    } catch (IOException e) {
      throw CliFailure.failed("cannot write to " + dir + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw CliFailure.failed("key generation failed: " + e.getMessage(), e);
    }
  }
}
