package org.parley.cli.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.core.SecretBytes;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.RingKey;

/**
 * The secrets every node of a farm must share besides its certificates: the key of the keyed hash
 * under which web sessions name their user (so that "sign out everywhere" on one node finds the
 * sessions another made), and one long-lived cookie key (the key ring of {@code keyring = file},
 * and the key that seals values at rest in a shared store).
 *
 * <p>The file is created on first start, atomically (written aside, then linked into place, which
 * fails if another node got there first: the loser reads the winner's file), readable by its owner
 * only where the file system supports it. Format, one {@code name = base64} per line:
 *
 * <pre>
 * user-key-secret = 32 random bytes
 * cookie-key = 32 random bytes (RingKey.KEY_BYTES)
 * store-key = 32 random bytes: wraps the key ring's keys in a shared store
 * </pre>
 */
public final class FarmSecrets {
  /** The secrets file's name when it sits in the keys directory. */
  public static final String DEFAULT_FILE = "farm.secrets";

  static final int SECRET_BYTES = 32;
  private static final int MAX_FILE_BYTES = 4096;
  private static final List<String> NAMES = List.of("user-key-secret", "cookie-key", "store-key");

  /** The id under which {@link #keyRing} seals; sealed output names it. */
  public static final String COOKIE_KEY_ID = "farm-file-1";

  private final SecretBytes userKeySecret;
  private final SecretBytes cookieKey;
  private final SecretBytes storeKey;

  private FarmSecrets(SecretBytes userKeySecret, SecretBytes cookieKey, SecretBytes storeKey) {
    this.userKeySecret = userKeySecret;
    this.cookieKey = cookieKey;
    this.storeKey = storeKey;
  }

  /** The key that wraps the key ring's keys where the farm shares them (never stored there). */
  public SecretBytes storeKey() {
    return storeKey;
  }

  public SecretBytes userKeySecret() {
    return userKeySecret;
  }

  /** A ring of the one cookie key: active since the epoch, never expiring. */
  public KeyRing keyRing(Clock clock) {
    return KeyRing.of(
        clock,
        List.of(
            RingKey.of(
                COOKIE_KEY_ID, cookieKey, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"))));
  }

  /**
   * Reads {@code file}, creating it first with fresh random secrets when it does not exist.
   *
   * @throws NodeConfig.Invalid when the file exists but is not a secrets file
   * @throws IOException when it cannot be read or written
   */
  public static FarmSecrets loadOrCreate(Path file) throws IOException, NodeConfig.Invalid {
    if (!Files.exists(file)) {
      create(file);
    }
    return load(file);
  }

  private static void create(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path aside = Files.createTempFile(dir, ".farm-secrets", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // the file system decides; nothing more this process can do
      }
      StringBuilder text =
          new StringBuilder(
              "# Parley farm secrets: every node of the farm shares this file. Keep it private.\n");
      for (String name : NAMES) {
        text.append(name)
            .append(" = ")
            .append(
                Base64.getEncoder().encodeToString(SecretBytes.random(SECRET_BYTES).toByteArray()))
            .append('\n');
      }
      Files.writeString(aside, text, StandardCharsets.UTF_8);
      try {
        Files.createLink(file, aside);
      } catch (FileAlreadyExistsException anotherNodeWon) {
        // the other node's secrets are the farm's
      } catch (UnsupportedOperationException noLinks) {
        Files.move(aside, file);
      }
    } finally {
      Files.deleteIfExists(aside);
    }
  }

  static FarmSecrets load(Path file) throws IOException, NodeConfig.Invalid {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new NodeConfig.Invalid("secrets file " + file + " does not exist");
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new NodeConfig.Invalid(
          "secrets file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
    }
    Map<String, SecretBytes> values = new LinkedHashMap<>();
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String name = eq < 0 ? line : line.substring(0, eq).strip();
      String where = "secrets file " + file + " line " + (i + 1);
      if (eq < 0 || !NAMES.contains(name)) {
        // the line may hold a secret: name only its position
        throw new NodeConfig.Invalid(
            where + ": expected one of " + String.join(", ", NAMES) + " = base64");
      }
      byte[] value;
      try {
        value = Base64.getDecoder().decode(line.substring(eq + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new NodeConfig.Invalid(where + ": " + name + " is not base64");
      }
      if (value.length != SECRET_BYTES) {
        throw new NodeConfig.Invalid(
            where + ": " + name + " must be " + SECRET_BYTES + " bytes, was " + value.length);
      }
      if (values.put(name, SecretBytes.wrapOwned(value)) != null) {
        throw new NodeConfig.Invalid(where + ": " + name + " repeats");
      }
    }
    for (String name : NAMES) {
      if (!values.containsKey(name)) {
        throw new NodeConfig.Invalid("secrets file " + file + " has no " + name);
      }
    }
    return new FarmSecrets(
        values.get(NAMES.get(0)), values.get(NAMES.get(1)), values.get(NAMES.get(2)));
  }
}
