package org.parley.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.parley.core.keys.KeyRing;
import org.parley.core.keys.OpenFailedException;
import org.parley.core.store.StoreUnavailableException;
import org.parley.redis.FarmKeyRing;

/**
 * Seals what the stores write to Redis under the farm's key ring (AES-256-GCM, see {@link
 * KeyRing}), bound to a purpose and to the entry's id, so that a value copied to another key, or
 * read as another kind of entry, does not open.
 */
public final class Sealing {
  private final Supplier<KeyRing> ring;
  private final Supplier<FarmKeyRing> farm;

  public Sealing(Supplier<KeyRing> ring) {
    this(ring, () -> ring instanceof FarmKeyRing f ? f : null);
  }

  /**
   * @param farm the farm ring behind {@code ring}, if any (null answers: none), to reload on an
   *     unknown key id
   */
  public Sealing(Supplier<KeyRing> ring, Supplier<FarmKeyRing> farm) {
    this.ring = Objects.requireNonNull(ring, "ring");
    this.farm = Objects.requireNonNull(farm, "farm");
  }

  /**
   * @throws StoreUnavailableException if a farm ring has no active key because it could not be
   *     loaded yet (the node started while Redis was down): an outage, not a bug
   */
  public byte[] seal(String purpose, String id, byte[] plaintext) {
    KeyRing r = ring.get();
    FarmKeyRing f = farm.get();
    if (r.primaryKey().isEmpty() && f != null) {
      f.refreshAfterUnknownKey();
      r = ring.get();
      if (r.primaryKey().isEmpty()) {
        throw new StoreUnavailableException(
            "sealing failed: the farm key ring has no active key yet (key ring store unavailable)");
      }
    }
    return r.seal(plaintext, ad(purpose, id));
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
      FarmKeyRing f = farm.get();
      if (f != null && f.refreshAfterUnknownKey()) {
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
