package org.parley.web.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Interim in-memory store used until the core store SPI is available. */
public final class MemoryReferenceStore implements ReferenceStore {
  private record Entry(String owner, byte[] sealed, Instant expires) {}

  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> map = new ConcurrentHashMap<>();

  public MemoryReferenceStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void create(String id, String ownerHash, byte[] sealed, Instant expires) {
    Entry e = new Entry(ownerHash, sealed.clone(), expires);
    Entry prev = map.putIfAbsent(id, e);
    if (prev != null) {
      throw new IllegalStateException("the session store refused the session: ALREADY_EXISTS");
    }
  }

  @Override
  public void put(String id, String ownerHash, byte[] sealed, Instant expires) {
    map.put(id, new Entry(ownerHash, sealed.clone(), expires));
  }

  @Override
  public Optional<byte[]> get(String id) {
    Entry e = map.get(id);
    if (e == null || !clock.instant().isBefore(e.expires)) {
      return Optional.empty();
    }
    return Optional.of(e.sealed.clone());
  }

  @Override
  public boolean remove(String id) {
    return map.remove(id) != null;
  }

  @Override
  public int removeAllForOwner(String ownerHash) {
    int[] n = {0};
    map.entrySet()
        .removeIf(
            en -> {
              boolean hit = en.getValue().owner.equals(ownerHash);
              if (hit) {
                n[0]++;
              }
              return hit;
            });
    return n[0];
  }
}
