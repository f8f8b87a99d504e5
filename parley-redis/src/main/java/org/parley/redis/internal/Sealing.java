package org.parley.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.OpenFailedException;
import org.parley.redis.FarmKeyRing;

/**
 * Seals what the stores write to Redis under the farm's key ring (AES-256-GCM, see {@link
 * KeyRing}), bound to a purpose and to the entry's id, so that a value copied to another key, or
 * read as another kind of entry, does not open.
 */
public final class Sealing {
  private final Supplier<KeyRing> ring;

  public Sealing(Supplier<KeyRing> ring) {
    this.ring = Objects.requireNonNull(ring, "ring");
  }

  public byte[] seal(String purpose, String id, byte[] plaintext) {
    return ring.get().seal(plaintext, ad(purpose, id));
  }

  /**
   * The plaintext, or empty if the value does not open: unknown or expired key, tampering, or a
   * value moved from another id. A farm ring that does not know the key id yet is refreshed once
   * (rate-limited) and the open retried: the key may have been published a moment ago.
   */
  public Optional<byte[]> open(String purpose, String id, byte[] sealed) {
    byte[] ad = ad(purpose, id);
    try {
      return Optional.of(ring.get().open(sealed, ad));
    } catch (OpenFailedException e) {
      if (ring instanceof FarmKeyRing farm && farm.refreshAfterUnknownKey()) {
        try {
          return Optional.of(ring.get().open(sealed, ad));
        } catch (OpenFailedException again) {
          return Optional.empty();
        }
      }
      return Optional.empty();
    }
  }

  private static byte[] ad(String purpose, String id) {
    // The purpose never contains NUL, so purpose and id cannot be confused.
    return (purpose + '\0' + id).getBytes(StandardCharsets.UTF_8);
  }
}
