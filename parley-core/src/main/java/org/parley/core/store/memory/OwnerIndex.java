package org.parley.core.store.memory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Secondary index owner -> ids, for "contexts per client" and "sessions of a user". Entries are
 * added by the store under its structure lock and removed from the id sets by the table's removal
 * listener (which must not take that lock: it may run inside Caffeine's maintenance). The index may
 * hold stale ids briefly, so readers confirm each id against the table ({@code isLiveFor}).
 */
final class OwnerIndex {
  private static final int SWEEP_EVERY = 1024;

  private final ConcurrentHashMap<String, Set<String>> idsByOwner = new ConcurrentHashMap<>();
  private int addsSinceSweep;

  /** Call under the store's structure lock. */
  void add(String owner, String id) {
    idsByOwner.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(id);
    if (++addsSinceSweep >= SWEEP_EVERY) {
      addsSinceSweep = 0;
      idsByOwner.values().removeIf(Set::isEmpty);
    }
  }

  /** Safe from any thread, including removal listeners. */
  void removeId(String owner, String id) {
    Set<String> ids = idsByOwner.get(owner);
    if (ids != null) {
      ids.remove(id);
    }
  }

  /** Ids of {@code owner} that are live and still belong to it; prunes the rest. */
  List<String> liveIds(String owner, BiPredicate<String, String> isLiveFor) {
    Set<String> ids = idsByOwner.get(owner);
    if (ids == null) {
      return List.of();
    }
    ids.removeIf(id -> !isLiveFor.test(id, owner));
    return List.copyOf(ids);
  }
}
