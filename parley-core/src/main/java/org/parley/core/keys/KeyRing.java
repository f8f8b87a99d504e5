package org.parley.core.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A set of AES-256-GCM keys (NIST SP 800-38D) that seals with one key and opens with any: the
 * primary key seals, every key known to the ring and not expired opens, and the key id travels in
 * the output. Rotation is data: add a key whose activation is in the future, and it becomes the
 * primary at that instant on every node, while data sealed under older keys still opens until those
 * keys expire. A key whose activation is still ahead already opens, so a node whose clock is a
 * little behind accepts what a node that has switched sealed.
 *
 * <p>The primary key at instant {@code now} is the key with the latest activation among those with
 * {@code activation <= now < expiry} (ties: the greatest key id, so every node picks the same one).
 *
 * <h2>Sealed format, version 1</h2>
 *
 * <pre>
 *  offset  length   field
 *  0       1        format version, 0x01
 *  1       1        key id length n, 1..64
 *  2       n        key id, US-ASCII [A-Za-z0-9._-]
 *  2+n     12       nonce, random per seal (SP 800-38D section 8.2.2)
 *  14+n    m+16     AES-GCM ciphertext of the m plaintext bytes, then the 128-bit tag
 * </pre>
 *
 * The GCM additional authenticated data is bytes {@code [0, 2+n)} of the output (version, id
 * length, id) followed by the caller's associated data, which is not written to the output. Callers
 * pass a purpose there (e.g. {@code "parley/session-cookie/v1"}) so that data sealed for one
 * purpose cannot be opened as another, plus whatever else the data must stay bound to.
 *
 * <p>Immutable and thread-safe. Random nonces under one key are safe for well under 2^32 seals (SP
 * 800-38D section 8.3); rotate keys long before that.
 */
public final class KeyRing {
  /** The format version written as the first byte of sealed output. */
  public static final byte FORMAT_VERSION = 1;

  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One AES-GCM cipher per thread, initialized afresh for every seal and open: looking the
   * transformation up in the provider list costs more than opening a session cookie's worth of
   * data. A cipher is never shared between threads.
   */
  private static final ThreadLocal<Cipher> GCM =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance(TRANSFORMATION);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("AES-GCM unavailable", e);
            }
          });

  private static final Comparator<RingKey> NEWEST_FIRST =
      Comparator.comparing(RingKey::activation).thenComparing(RingKey::keyId).reversed();

  private final Clock clock;
  private final List<RingKey> keys; // newest first
  private final Map<String, RingKey> byId;

  private KeyRing(Clock clock, List<RingKey> keys) {
    this.clock = clock;
    List<RingKey> sorted = new ArrayList<>(keys);
    sorted.sort(NEWEST_FIRST);
    this.keys = List.copyOf(sorted);
    Map<String, RingKey> map = new LinkedHashMap<>();
    for (RingKey k : this.keys) {
      if (map.putIfAbsent(k.keyId(), k) != null) {
        throw new IllegalArgumentException("duplicate key id " + k.keyId());
      }
    }
    this.byId = Map.copyOf(map);
  }

  /** A ring of {@code keys} (possibly none yet) reading time from {@code clock}. */
  public static KeyRing of(Clock clock, Collection<RingKey> keys) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(keys, "keys");
    keys.forEach(k -> Objects.requireNonNull(k, "key"));
    return new KeyRing(clock, List.copyOf(keys));
  }

  /** This ring plus {@code key}; its id must be new to the ring. */
  public KeyRing withKey(RingKey key) {
    List<RingKey> more = new ArrayList<>(keys);
    more.add(Objects.requireNonNull(key, "key"));
    return new KeyRing(clock, more);
  }

  /** This ring without the key {@code keyId} (no change if absent). */
  public KeyRing withoutKey(String keyId) {
    return new KeyRing(clock, keys.stream().filter(k -> !k.keyId().equals(keyId)).toList());
  }

  /** This ring without the keys expired now: they can no longer open anything. */
  public KeyRing withoutExpiredKeys() {
    Instant now = clock.instant();
    return new KeyRing(clock, keys.stream().filter(k -> !k.isExpiredAt(now)).toList());
  }

  /** All keys, newest activation first. */
  public List<RingKey> keys() {
    return keys;
  }

  public Clock clock() {
    return clock;
  }

  /** The key that seals now, if any key is active now. */
  public Optional<RingKey> primaryKey() {
    return primaryKeyAt(clock.instant());
  }

  public Optional<RingKey> primaryKeyAt(Instant instant) {
    return keys.stream().filter(k -> k.isActiveAt(instant)).findFirst();
  }

  /**
   * Seals {@code plaintext} under the primary key, binding {@code associatedData} (not written to
   * the output; the same bytes must be given to {@link #open}).
   *
   * @throws IllegalStateException when no key is active now: the ring needs a new key
   */
  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(associatedData, "associatedData");
    Instant now = clock.instant();
    RingKey key =
        primaryKeyAt(now)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no key of the ring is active at "
                            + now
                            + " (activation <= now < expiry); add a key to the key ring"));
    byte[] id = key.keyId().getBytes(StandardCharsets.US_ASCII);
    int headerLen = 2 + id.length;
    byte[] out = new byte[headerLen + NONCE_BYTES + plaintext.length + TAG_BYTES];
    out[0] = FORMAT_VERSION;
    out[1] = (byte) id.length;
    System.arraycopy(id, 0, out, 2, id.length);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, headerLen, NONCE_BYTES);
    try {
      Cipher cipher = GCM.get();
      cipher.init(Cipher.ENCRYPT_MODE, aesKey(key), new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(out, 0, headerLen);
      cipher.updateAAD(associatedData);
      int written = cipher.doFinal(plaintext, 0, plaintext.length, out, headerLen + NONCE_BYTES);
      if (written != plaintext.length + TAG_BYTES) {
        throw new IllegalStateException("AES-GCM wrote " + written + " bytes");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
    return out;
  }

  /**
   * Opens output of {@link #seal} made by this ring or another ring holding the same key.
   *
   * @throws OpenFailedException with the message "failed" for any mismatch: bad version, unknown or
   *     expired key, truncated or tampered input, different associated data
   */
  public byte[] open(byte[] sealed, byte[] associatedData) throws OpenFailedException {
    Objects.requireNonNull(sealed, "sealed");
    Objects.requireNonNull(associatedData, "associatedData");
    if (sealed.length < 2 || sealed[0] != FORMAT_VERSION) {
      throw new OpenFailedException();
    }
    int idLen = sealed[1] & 0xff;
    int headerLen = 2 + idLen;
    if (idLen == 0
        || idLen > RingKey.MAX_KEY_ID_CHARS
        || sealed.length < headerLen + NONCE_BYTES + TAG_BYTES) {
      throw new OpenFailedException();
    }
    String keyId = new String(sealed, 2, idLen, StandardCharsets.US_ASCII);
    RingKey key = byId.get(keyId);
    if (key == null || key.isExpiredAt(clock.instant())) {
      throw new OpenFailedException();
    }
    try {
      Cipher cipher = GCM.get();
      cipher.init(
          Cipher.DECRYPT_MODE,
          aesKey(key),
          new GCMParameterSpec(TAG_BYTES * 8, sealed, headerLen, NONCE_BYTES));
      cipher.updateAAD(sealed, 0, headerLen);
      cipher.updateAAD(associatedData);
      int cipherStart = headerLen + NONCE_BYTES;
      return cipher.doFinal(sealed, cipherStart, sealed.length - cipherStart);
    } catch (AEADBadTagException e) {
      throw new OpenFailedException();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private static SecretKeySpec aesKey(RingKey key) {
    return new SecretKeySpec(key.key().toByteArray(), "AES");
  }

  @Override
  public String toString() {
    return "KeyRing" + keys;
  }
}
