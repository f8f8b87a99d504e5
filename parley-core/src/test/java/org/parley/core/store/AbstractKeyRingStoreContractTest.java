package org.parley.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.core.keys.RingKey;

/** The contract every {@link KeyRingStore} backend passes. */
public abstract class AbstractKeyRingStoreContractTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A new store holding no ring yet. */
  protected abstract KeyRingStore newStore();

  private static RingKey key(String id, int day) {
    return RingKey.generate(id, T0.plus(Duration.ofDays(day)), T0.plus(Duration.ofDays(day + 30)));
  }

  @Test
  void load_beforeAnySave_isEmptyAtVersionNone() {
    Versioned<List<RingKey>> loaded = newStore().load();
    assertThat(loaded.value()).isEmpty();
    assertThat(loaded.version()).isEqualTo(Versioned.NONE);
  }

  @Test
  void save_withLoadedVersion_succeeds_andRoundTripsKeysWithMaterial() {
    KeyRingStore store = newStore();
    List<RingKey> keys = List.of(key("k1", 0), key("k2", 7));
    assertThat(store.save(keys, Versioned.NONE)).isTrue();

    Versioned<List<RingKey>> loaded = store.load();
    assertThat(loaded.version()).isEqualTo(Versioned.NONE + 1);
    assertThat(loaded.value()).containsExactlyElementsOf(keys);
    assertThat(loaded.value().get(0).key().equalsConstantTime(keys.get(0).key())).isTrue();
  }

  @Test
  void save_withStaleVersion_refused_andStoredKeysUnchanged() {
    KeyRingStore store = newStore();
    store.save(List.of(key("k1", 0)), Versioned.NONE);
    long v1 = store.load().version();
    assertThat(store.save(List.of(key("k1", 0), key("k2", 1)), v1)).isTrue();

    assertThat(store.save(List.of(key("other", 2)), v1)).isFalse();
    assertThat(store.save(List.of(key("other", 2)), Versioned.NONE)).isFalse();
    assertThat(store.load().value()).extracting(RingKey::keyId).containsExactly("k1", "k2");
    assertThat(store.load().version()).isEqualTo(v1 + 1);
  }

  @Test
  void save_modifyingTheCallersListAfterwards_doesNotChangeStoredKeys() {
    KeyRingStore store = newStore();
    List<RingKey> keys = new ArrayList<>(List.of(key("k1", 0)));
    store.save(keys, Versioned.NONE);
    keys.add(key("k2", 1));
    assertThat(store.load().value()).hasSize(1);
  }

  /** Two nodes rotating at once: only one new primary key wins; the loser must reload. */
  @Test
  void concurrentSaves_sameExpectedVersion_exactlyOneWins() throws Exception {
    for (int round = 0; round < 50; round++) {
      KeyRingStore store = newStore();
      store.save(List.of(key("base", 0)), Versioned.NONE);
      Versioned<List<RingKey>> seen = store.load();
      List<Boolean> results =
          Concurrently.run(
              8,
              i -> {
                List<RingKey> next = new ArrayList<>(seen.value());
                next.add(key("node-" + i, 1));
                return () -> store.save(next, seen.version());
              });
      assertThat(results).filteredOn(b -> b).as("round %d", round).hasSize(1);
      int winner = results.indexOf(true);
      assertThat(store.load().value())
          .extracting(RingKey::keyId)
          .containsExactly("base", "node-" + winner);
    }
  }
}
