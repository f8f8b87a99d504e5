package org.parley.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.core.store.AbstractReplayCacheContractTest;
import org.parley.core.store.ReplayCache;
import org.parley.core.testing.MutableClock;

class InMemoryReplayCacheTest extends AbstractReplayCacheContractTest {
  @Override
  protected java.time.Duration slotReleaseLag() {
    return ExpiringTable.SLOT_RELEASE_LAG;
  }

  @Override
  protected ReplayCache newCache(MutableClock clock, int maxEntries) {
    return InMemoryReplayCache.builder().clock(clock).maxEntries(maxEntries).build();
  }

  @Test
  void builder_withoutClock_refused_badMaxEntries_namesSetting() {
    assertThatThrownBy(() -> InMemoryReplayCache.builder().build()).hasMessageContaining("clock");
    assertThatThrownBy(() -> InMemoryReplayCache.builder().maxEntries(0))
        .hasMessageContaining("maxEntries");
  }

  /** Expired entries leave memory (Caffeine expiry), they are not only hidden. */
  @Test
  void expiredEntries_areDroppedFromTheTable() {
    InMemoryReplayCache cache =
        InMemoryReplayCache.builder().clock(clock).maxEntries(10_000).build();
    for (int i = 0; i < 5_000; i++) {
      cache.firstSeen("k" + i, clock.instant().plus(WINDOW));
    }
    clock.advance(WINDOW.plus(slotReleaseLag()));
    // 10_000 more fit only if the 5_000 expired ones were dropped.
    for (int i = 0; i < 10_000; i++) {
      assertThat(cache.firstSeen("n" + i, clock.instant().plus(WINDOW)).accepted()).isTrue();
    }
  }

  @Test
  void farFutureExpiry_isRemembered() {
    ReplayCache cache = newCache(clock, 10);
    assertThat(cache.firstSeen("k", java.time.Instant.MAX).accepted()).isTrue();
    clock.advance(Duration.ofDays(365 * 100));
    assertThat(cache.firstSeen("k", java.time.Instant.MAX)).isEqualTo(ReplayCache.Verdict.REPLAY);
  }
}
