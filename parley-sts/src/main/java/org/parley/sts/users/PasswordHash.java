package org.parley.sts.users;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PBKDF2-HMAC-SHA256 password hash (RFC 8018 section 5.2), written {@code
 * pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}. Fewer than {@link #MIN_ITERATIONS}
 * iterations, or a salt shorter than 16 bytes, is refused when the hash is read.
 */
public final class PasswordHash {
  /** Least iterations accepted (OWASP Password Storage Cheat Sheet, PBKDF2-HMAC-SHA256). */
  public static final int MIN_ITERATIONS = 600_000;

  /** Most iterations accepted from a file: bounds the work one sign-in can cost. */
  public static final int MAX_ITERATIONS = 10_000_000;

  static final String PREFIX = "pbkdf2-sha256$";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** Hashes {@code password} with a fresh random salt and {@code iterations} iterations. */
  public static PasswordHash create(char[] password, int iterations, SecureRandom random) {
    checkIterations(iterations);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /** Reads the encoded form; refuses weak parameters. */
  public static PasswordHash parse(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    if (!encoded.startsWith(PREFIX)) {
      throw new IllegalArgumentException("password hash must start with " + PREFIX);
    }
    String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("password hash must be pbkdf2-sha256$iter$salt$hash");
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("iterations is not a number");
    }
    checkIterations(iterations);
    byte[] salt = Base64.getDecoder().decode(parts[1]);
    byte[] hash = Base64.getDecoder().decode(parts[2]);
    if (salt.length < SALT_BYTES || hash.length != HASH_BYTES) {
      throw new IllegalArgumentException("salt must be >= 16 bytes and hash 32 bytes");
    }
    return new PasswordHash(iterations, salt, hash);
  }

  /** Constant-time check of {@code password} against this hash. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  public int iterations() {
    return iterations;
  }

  public String encoded() {
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  @Override
  public String toString() {
    return "PasswordHash[pbkdf2-sha256, " + iterations + " iterations]";
  }

  private static void checkIterations(int iterations) {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "PBKDF2 iterations must be within MIN_ITERATIONS ("
              + MIN_ITERATIONS
              + ") .. MAX_ITERATIONS ("
              + MAX_ITERATIONS
              + "), was "
              + iterations);
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }

  // A hash of a password nobody knows, checked for unknown users so that their timing matches.
  static final PasswordHash DUMMY =
      new PasswordHash(
          MIN_ITERATIONS,
          "parley-dummy-salt".getBytes(StandardCharsets.US_ASCII),
          Arrays.copyOf("no user".getBytes(StandardCharsets.US_ASCII), HASH_BYTES));
}
