package org.parley.core.store;

import java.util.List;
import org.parley.core.keys.RingKey;

/**
 * Where a farm keeps its key ring's keys. Versioned compare-and-set: a node that rotates loads the
 * keys, adds one, and saves naming the version it loaded; if another node saved first the save
 * fails and the node reloads, so two nodes never mint competing primary keys. Backends that leave
 * the process seal the key material at rest.
 *
 * <p>Contract tests: {@code AbstractKeyRingStoreContractTest} in parley-core's test-jar.
 */
public interface KeyRingStore {

  /** The saved keys and their version; an empty list at {@link Versioned#NONE} before any save. */
  Versioned<List<RingKey>> load();

  /**
   * Saves {@code keys} if the stored version is still {@code expectedVersion} ({@link
   * Versioned#NONE} for the first save); the new version is {@code expectedVersion + 1}.
   *
   * @return true if saved, false if the stored version differs
   */
  boolean save(List<RingKey> keys, long expectedVersion);
}
