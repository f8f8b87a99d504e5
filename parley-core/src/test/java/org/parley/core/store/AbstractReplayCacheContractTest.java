package org.parley.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.core.store.ReplayCache.Verdict;
import org.parley.core.testing.MutableClock;

/**
 * The contract every {@link ReplayCache} backend passes. A backend's test extends this class and
 * builds its cache on the given clock (the cache's notion of "now") and capacity.
 */
public abstract class AbstractReplayCacheContractTest {
  protected static final Duration WINDOW = Duration.ofMinutes(5);

  protected final MutableClock clock = MutableClock.atDefaultStart();

  /** A new, empty cache reading time from {@code clock}, holding at most {@code maxEntries}. */
  protected abstract ReplayCache newCache(MutableClock clock, int maxEntries);

  /**
   * How long after an entry expires its capacity slot may still be taken (a backend that drops
   * expired entries lazily). Lookups are exact at the expiry instant regardless.
   */
  protected Duration slotReleaseLag() {
    return Duration.ZERO;
  }

  private Instant in(Duration d) {
    return clock.instant().plus(d);
  }

  @Test
  void firstSeen_newKey_firstSeen_thenReplay() {
    ReplayCache cache = newCache(clock, 100);
    assertThat(cache.firstSeen("nonce-1", in(WINDOW))).isEqualTo(Verdict.FIRST_SEEN);
    assertThat(cache.firstSeen("nonce-1", in(WINDOW))).isEqualTo(Verdict.REPLAY);
    assertThat(cache.firstSeen("nonce-1", in(WINDOW.multipliedBy(2)))).isEqualTo(Verdict.REPLAY);
    assertThat(cache.firstSeen("nonce-2", in(WINDOW))).isEqualTo(Verdict.FIRST_SEEN);
  }

  @Test
  void firstSeen_oneNanosecondBeforeExpiry_replay_atExpiry_firstSeenAgain() {
    ReplayCache cache = newCache(clock, 100);
    Instant expiry = in(WINDOW);
    cache.firstSeen("k", expiry);

    clock.set(expiry.minusNanos(1));
    assertThat(cache.firstSeen("k", expiry.plus(WINDOW))).isEqualTo(Verdict.REPLAY);

    clock.set(expiry);
    assertThat(cache.firstSeen("k", expiry.plus(WINDOW))).isEqualTo(Verdict.FIRST_SEEN);
    assertThat(cache.firstSeen("k", expiry.plus(WINDOW))).isEqualTo(Verdict.REPLAY);
  }

  @Test
  void firstSeen_expiryNotAfterNow_refusedAsExpired_andNotRemembered() {
    ReplayCache cache = newCache(clock, 100);
    assertThat(cache.firstSeen("k", clock.instant())).isEqualTo(Verdict.EXPIRED);
    assertThat(cache.firstSeen("k", clock.instant().minusSeconds(1))).isEqualTo(Verdict.EXPIRED);
    assertThat(Verdict.EXPIRED.accepted()).isFalse();
    assertThat(cache.firstSeen("k", in(WINDOW))).isEqualTo(Verdict.FIRST_SEEN);
  }

  @Test
  void atCapacity_newKeysRefusedAsFull_unexpiredEntriesNeverForgotten() {
    ReplayCache cache = newCache(clock, 8);
    for (int i = 0; i < 8; i++) {
      assertThat(cache.firstSeen("k" + i, in(WINDOW))).isEqualTo(Verdict.FIRST_SEEN);
    }
    assertThat(cache.firstSeen("k8", in(WINDOW))).isEqualTo(Verdict.FULL);
    assertThat(Verdict.FULL.accepted()).isFalse();
    for (int i = 0; i < 8; i++) {
      assertThat(cache.firstSeen("k" + i, in(WINDOW))).as("k%d", i).isEqualTo(Verdict.REPLAY);
    }
  }

  @Test
  void atCapacity_expiredEntriesMakeRoom() {
    ReplayCache cache = newCache(clock, 4);
    cache.firstSeen("short-0", in(Duration.ofSeconds(1)));
    cache.firstSeen("short-1", in(Duration.ofSeconds(1)));
    cache.firstSeen("long-0", in(WINDOW));
    cache.firstSeen("long-1", in(WINDOW));
    assertThat(cache.firstSeen("new-0", in(WINDOW))).isEqualTo(Verdict.FULL);

    clock.advance(Duration.ofSeconds(1));
    Verdict atExpiry = cache.firstSeen("short-0", in(WINDOW));
    assertThat(atExpiry).as("lookups are exact at expiry").isIn(Verdict.FIRST_SEEN, Verdict.FULL);
    clock.advance(slotReleaseLag());
    assertThat(cache.firstSeen("new-0", in(WINDOW))).isEqualTo(Verdict.FIRST_SEEN);
    // A backend that freed short-0's slot at once (and took it again for short-0) has one less.
    assertThat(cache.firstSeen("new-1", in(WINDOW)))
        .isEqualTo(atExpiry == Verdict.FULL ? Verdict.FIRST_SEEN : Verdict.FULL);
    assertThat(cache.firstSeen("new-2", in(WINDOW))).isEqualTo(Verdict.FULL);
    assertThat(cache.firstSeen("long-0", in(WINDOW))).isEqualTo(Verdict.REPLAY);
  }

  @Test
  void sixteenThreadsRacingOnOneKey_exactlyOneFirstSeen() throws Exception {
    ReplayCache cache = newCache(clock, 1_000);
    for (int round = 0; round < 50; round++) {
      String key = "race-" + round;
      Instant expiry = in(WINDOW);
      List<Verdict> verdicts = Concurrently.run(16, i -> () -> cache.firstSeen(key, expiry));
      assertThat(verdicts)
          .filteredOn(v -> v == Verdict.FIRST_SEEN)
          .as("round %d", round)
          .hasSize(1);
      assertThat(verdicts).filteredOn(v -> v == Verdict.REPLAY).hasSize(15);
    }
  }

  @Test
  void sixteenThreadsRacingForEightFreeSlots_exactlyEightAccepted() throws Exception {
    for (int round = 0; round < 20; round++) {
      ReplayCache cache = newCache(clock, 8);
      Instant expiry = in(WINDOW);
      int r = round;
      List<Verdict> verdicts =
          Concurrently.run(16, i -> () -> cache.firstSeen("slot-" + r + "-" + i, expiry));
      assertThat(verdicts).filteredOn(Verdict::accepted).as("round %d", round).hasSize(8);
      assertThat(verdicts).filteredOn(v -> v == Verdict.FULL).hasSize(8);
    }
  }
}
