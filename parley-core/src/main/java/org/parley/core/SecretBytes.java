package org.parley.core;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Secret key material: SCT secrets, derived keys, proof keys, cookie keys. Immutable; the bytes are
 * copied in and out, equality is constant-time, and {@link #toString()} never shows the material.
 */
public final class SecretBytes {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}; later changes to the array do not reach this secret. */
  public static SecretBytes copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new SecretBytes(bytes.clone());
  }

  /** Copies {@code length} bytes of {@code bytes} from {@code offset}. */
  public static SecretBytes copyOf(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return new SecretBytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** A fresh secret of {@code lengthBytes} from a shared {@link SecureRandom}. */
  public static SecretBytes random(int lengthBytes) {
    return random(lengthBytes, RANDOM);
  }

  /** A fresh secret of {@code lengthBytes} from {@code random}. */
  public static SecretBytes random(int lengthBytes, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    if (lengthBytes < 1) {
      throw new IllegalArgumentException("lengthBytes must be positive, was " + lengthBytes);
    }
    byte[] b = new byte[lengthBytes];
    random.nextBytes(b);
    return new SecretBytes(b);
  }

  /**
   * Takes ownership of {@code bytes} without copying. For internal callers that created the array
   * themselves and drop every other reference to it.
   */
  public static SecretBytes wrapOwned(byte[] bytes) {
    return new SecretBytes(Objects.requireNonNull(bytes, "bytes"));
  }

  /** A copy of the secret material. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  public int lengthBytes() {
    return bytes.length;
  }

  /** Constant-time comparison with another secret. */
  public boolean equalsConstantTime(SecretBytes other) {
    return other != null && MessageDigest.isEqual(bytes, other.bytes);
  }

  /** Constant-time comparison with raw bytes (a received MAC, say). */
  public boolean equalsConstantTime(byte[] other) {
    return other != null && MessageDigest.isEqual(bytes, other);
  }

  /**
   * Identity equality: secrets are compared with {@link #equalsConstantTime}, never by accident.
   */
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes]";
  }
}
