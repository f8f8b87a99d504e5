package org.parley.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.core.SecretBytes;

/**
 * The P_hash pseudo-random function of TLS 1.0 (RFC 2246 section 5), which WS-Trust 1.3 (section
 * 4.4.2, computed key {@code CK/PSHA1}) and WS-SecureConversation 1.3 (section 7, derived keys) use
 * as P_SHA1, and WS-SP suites with SHA-256 may use as P_SHA256.
 *
 * <pre>
 * P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...
 * A(0) = seed, A(i) = HMAC(secret, A(i-1))
 * </pre>
 *
 * Output bytes {@code [offset, offset + length)} are returned.
 */
public enum PHash {
  P_SHA1("HmacSHA1"),
  P_SHA256("HmacSHA256");

  /** WS-SC 1.3 section 7: the label used when a DerivedKeyToken carries none. */
  public static final String DEFAULT_LABEL = "WS-SecureConversationWS-SecureConversation";

  private final String macAlgorithm;

  /*
   * Mac.getInstance walks the provider list on every call, which cost more than the two or four
   * HMACs a derived key needs; a Mac is not thread-safe, so each thread keeps its own. init() below
   * replaces the key, so nothing of one derivation's secret outlives the next derivation's init.
   */
  private final ThreadLocal<Mac> macs;

  PHash(String macAlgorithm) {
    this.macAlgorithm = macAlgorithm;
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                return Mac.getInstance(macAlgorithm);
              } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(macAlgorithm + " unavailable", e);
              }
            });
  }

  public String macAlgorithm() {
    return macAlgorithm;
  }

  /**
   * Output bytes {@code [offsetBytes, offsetBytes + lengthBytes)} of P_hash(secret, seed). Callers
   * bound offset and length before calling: the cost is linear in their sum.
   */
  public SecretBytes derive(SecretBytes secret, byte[] seed, int offsetBytes, int lengthBytes) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(seed, "seed");
    if (offsetBytes < 0
        || lengthBytes < 1
        || (long) offsetBytes + lengthBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "offsetBytes=" + offsetBytes + " lengthBytes=" + lengthBytes + " out of range");
    }
    Mac mac = newMac(secret);
    int macLen = mac.getMacLength();
    int total = offsetBytes + lengthBytes;
    byte[] out = new byte[lengthBytes];
    byte[] a = seed;
    int produced = 0;
    while (produced < total) {
      // RFC 2246 section 5: A(i) = HMAC(secret, A(i-1)); output block i = HMAC(secret, A(i) + seed)
      mac.update(a);
      a = mac.doFinal();
      int blockStart = produced;
      int blockEnd = produced + macLen;
      produced = blockEnd;
      if (blockEnd <= offsetBytes) {
        // Wholly before the window (WS-SC Generation/Offset): only the A chain is needed.
        continue;
      }
      mac.update(a);
      mac.update(seed);
      byte[] block = mac.doFinal();
      int from = Math.max(blockStart, offsetBytes);
      int to = Math.min(blockEnd, total);
      System.arraycopy(block, from - blockStart, out, from - offsetBytes, to - from);
    }
    return SecretBytes.wrapOwned(out);
  }

  /**
   * WS-SC derived key: seed = label + nonce (WS-SC 1.3 section 7, "the seed is the label
   * concatenated with the nonce").
   */
  public SecretBytes deriveKey(
      SecretBytes secret, String label, byte[] nonce, int offsetBytes, int lengthBytes) {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(nonce, "nonce");
    byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
    byte[] seed = new byte[labelBytes.length + nonce.length];
    System.arraycopy(labelBytes, 0, seed, 0, labelBytes.length);
    System.arraycopy(nonce, 0, seed, labelBytes.length, nonce.length);
    return derive(secret, seed, offsetBytes, lengthBytes);
  }

  private Mac newMac(SecretBytes secret) {
    Mac mac = macs.get();
    byte[] key = secret.toByteArray();
    try {
      // init resets the Mac, so a derivation cut short by an exception leaves nothing behind.
      mac.init(new SecretKeySpec(key, macAlgorithm));
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(macAlgorithm + " refused the key", e);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }
}
