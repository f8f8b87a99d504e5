package org.parley.core.store.memory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.core.keys.RingKey;
import org.parley.core.store.KeyRingStore;
import org.parley.core.store.Versioned;

/**
 * A {@link KeyRingStore} in this process's memory: for a single node, and for tests. Thread-safe;
 * saves are compare-and-set on the version.
 */
public final class InMemoryKeyRingStore implements KeyRingStore {
  private final AtomicReference<Versioned<List<RingKey>>> current =
      new AtomicReference<>(new Versioned<>(List.of(), Versioned.NONE));

  @Override
  public Versioned<List<RingKey>> load() {
    return current.get();
  }

  @Override
  public boolean save(List<RingKey> keys, long expectedVersion) {
    Objects.requireNonNull(keys, "keys");
    Versioned<List<RingKey>> next = new Versioned<>(List.copyOf(keys), expectedVersion + 1);
    while (true) {
      Versioned<List<RingKey>> seen = current.get();
      if (seen.version() != expectedVersion) {
        return false;
      }
      if (current.compareAndSet(seen, next)) {
        return true;
      }
    }
  }
}
