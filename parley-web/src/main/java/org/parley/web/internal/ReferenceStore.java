package org.parley.web.internal;

import java.time.Instant;
import java.util.Optional;

/**
 * What the session module needs from a session store: a thin adapter over the core {@code
 * SessionTokenStore} SPI, so that the module's logic does not depend on the store's versioning.
 * Entries hold only sealed bytes and keyed hashes of user keys.
 */
public interface ReferenceStore {

  /**
   * Stores a new entry.
   *
   * @throws IllegalStateException if the store refused it (id taken, store full): a write is never
   *     silently dropped
   */
  void create(String id, String ownerHash, byte[] sealed, Instant expires);

  /** Creates the entry, or replaces a live one of the same id and owner. */
  void put(String id, String ownerHash, byte[] sealed, Instant expires);

  Optional<byte[]> get(String id);

  boolean remove(String id);

  /** Moves a live entry's expiry earlier to {@code expires} (no change if absent or earlier). */
  void expireBy(String id, Instant expires);

  int removeAllForOwner(String ownerHash);
}
