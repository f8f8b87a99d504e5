package org.parley.web.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.OpenFailedException;
import org.parley.core.keys.RingKey;
import org.parley.web.SessionEvent.Reason;

/**
 * Opens {@link KeyRing} output and tells apart the failures a relying party wants to count: too
 * short to be sealed output ({@link Reason#TRUNCATED}), not the ring's format ({@link
 * Reason#MALFORMED}), a key id the ring does not hold or holds expired ({@link Reason#WRONG_KEY}),
 * and a seal that does not verify ({@link Reason#TAMPERED}). The key id is read from the
 * unauthenticated header only to pick the reason; acceptance is decided by {@link KeyRing#open}
 * alone.
 */
public final class Sealer {
  private static final int MIN_SEALED = 2 + 1 + KeyRing.NONCE_BYTES + KeyRing.TAG_BYTES;

  private Sealer() {}

  public static byte[] open(KeyRing ring, byte[] sealed, byte[] associatedData, Instant now)
      throws Rejected {
    if (sealed.length < MIN_SEALED) {
      throw new Rejected(Reason.TRUNCATED);
    }
    if (sealed[0] != KeyRing.FORMAT_VERSION) {
      throw new Rejected(Reason.MALFORMED);
    }
    int idLen = sealed[1] & 0xff;
    if (idLen == 0 || idLen > RingKey.MAX_KEY_ID_CHARS) {
      throw new Rejected(Reason.MALFORMED);
    }
    if (sealed.length < 2 + idLen + KeyRing.NONCE_BYTES + KeyRing.TAG_BYTES) {
      throw new Rejected(Reason.TRUNCATED);
    }
    String keyId = new String(sealed, 2, idLen, StandardCharsets.US_ASCII);
    boolean known =
        ring.keys().stream().anyMatch(k -> k.keyId().equals(keyId) && !k.isExpiredAt(now));
    if (!known) {
      throw new Rejected(Reason.WRONG_KEY);
    }
    try {
      return ring.open(sealed, associatedData);
    } catch (OpenFailedException e) {
      throw new Rejected(Reason.TAMPERED);
    }
  }
}
