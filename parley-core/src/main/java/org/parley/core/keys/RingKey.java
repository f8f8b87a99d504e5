package org.parley.core.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.parley.core.SecretBytes;

/**
 * One AES-256 key of a {@link KeyRing}: an id that travels in sealed output, 32 bytes of key
 * material, and the instants from which it may seal ({@code activation}, inclusive) and until which
 * it may seal or open ({@code expiry}, exclusive).
 *
 * <p>Immutable. {@link #equals} compares id and instants, and the key material in constant time;
 * {@link #toString()} never shows the material.
 */
public final class RingKey {
  /** AES-256. */
  public static final int KEY_BYTES = 32;

  /** Longest key id; it is written in every sealed output, so it is kept short. */
  public static final int MAX_KEY_ID_CHARS = 64;

  private static final Pattern KEY_ID =
      Pattern.compile("[A-Za-z0-9._-]{1," + MAX_KEY_ID_CHARS + "}");

  private final String keyId;
  private final SecretBytes key;
  private final Instant activation;
  private final Instant expiry;

  private RingKey(String keyId, SecretBytes key, Instant activation, Instant expiry) {
    this.keyId = keyId;
    this.key = key;
    this.activation = activation;
    this.expiry = expiry;
  }

  /**
   * @param keyId 1 to {@link #MAX_KEY_ID_CHARS} characters of {@code [A-Za-z0-9._-]}
   * @param key exactly {@link #KEY_BYTES} bytes
   * @param activation first instant at which the key may become the primary (sealing) key
   * @param expiry first instant at which the key neither seals nor opens; after activation
   */
  public static RingKey of(String keyId, SecretBytes key, Instant activation, Instant expiry) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(expiry, "expiry");
    if (!KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException(
          "keyId must be 1 to RingKey.MAX_KEY_ID_CHARS ("
              + MAX_KEY_ID_CHARS
              + ") characters of [A-Za-z0-9._-]");
    }
    if (key.lengthBytes() != KEY_BYTES) {
      throw new IllegalArgumentException(
          "key must be RingKey.KEY_BYTES (" + KEY_BYTES + ") bytes, was " + key.lengthBytes());
    }
    if (!expiry.isAfter(activation)) {
      throw new IllegalArgumentException(
          "expiry " + expiry + " must be after activation " + activation);
    }
    return new RingKey(keyId, key, activation, expiry);
  }

  /** A key with fresh random material from a {@link java.security.SecureRandom}. */
  public static RingKey generate(String keyId, Instant activation, Instant expiry) {
    return of(keyId, SecretBytes.random(KEY_BYTES), activation, expiry);
  }

  public String keyId() {
    return keyId;
  }

  public SecretBytes key() {
    return key;
  }

  public Instant activation() {
    return activation;
  }

  public Instant expiry() {
    return expiry;
  }

  /** {@code activation <= now < expiry}: the key may be the primary. */
  public boolean isActiveAt(Instant now) {
    return !now.isBefore(activation) && now.isBefore(expiry);
  }

  /** {@code now >= expiry}: the key neither seals nor opens. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiry);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RingKey k
        && keyId.equals(k.keyId)
        && activation.equals(k.activation)
        && expiry.equals(k.expiry)
        && key.equalsConstantTime(k.key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, activation, expiry);
  }

  @Override
  public String toString() {
    return "RingKey[" + keyId + ", active " + activation + " until " + expiry + "]";
  }
}
