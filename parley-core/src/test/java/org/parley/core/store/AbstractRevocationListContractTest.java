package org.parley.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.core.store.RevocationList.Outcome;
import org.parley.core.testing.MutableClock;

/**
 * The contract every {@link RevocationList} backend passes. A backend's test extends this class and
 * builds its list on the given clock and capacity.
 */
public abstract class AbstractRevocationListContractTest {
  protected static final Duration TTL = Duration.ofMinutes(10);

  protected final MutableClock clock = MutableClock.atDefaultStart();

  /** A new, empty list reading time from {@code clock}, holding at most {@code maxEntries}. */
  protected abstract RevocationList newList(MutableClock clock, int maxEntries);

  private Instant in(Duration d) {
    return clock.instant().plus(d);
  }

  @Test
  void revoke_thenRevokedFrom_untilExactlyItsExpiry() {
    RevocationList list = newList(clock, 100);
    Instant now = clock.instant();
    Instant until = in(TTL);
    assertThat(list.revokedFrom("ctx")).isEmpty();
    assertThat(list.revoke("ctx", now, until)).isEqualTo(Outcome.REVOKED);
    assertThat(list.revokedFrom("ctx")).contains(now);
    clock.set(until.minusNanos(1));
    assertThat(list.revokedFrom("ctx")).contains(now);
    clock.set(until);
    assertThat(list.revokedFrom("ctx")).isEmpty();
  }

  @Test
  void revokeAgain_keepsEarliestFrom_andLatestUntil() {
    RevocationList list = newList(clock, 100);
    Instant now = clock.instant();
    list.revoke("ctx", now.plusSeconds(300), in(TTL));
    list.revoke("ctx", now, in(Duration.ofMinutes(1)));
    assertThat(list.revokedFrom("ctx")).contains(now);
    clock.set(now.plus(TTL).minusNanos(1));
    assertThat(list.revokedFrom("ctx")).isPresent();
  }

  @Test
  void revoke_untilNotAfterNow_expired_notRecorded() {
    RevocationList list = newList(clock, 100);
    assertThat(list.revoke("ctx", clock.instant(), clock.instant())).isEqualTo(Outcome.EXPIRED);
    assertThat(list.revokedFrom("ctx")).isEmpty();
  }

  @Test
  void atCapacity_full_unexpiredEntriesNeverForgotten() {
    RevocationList list = newList(clock, 4);
    for (int i = 0; i < 4; i++) {
      assertThat(list.revoke("k" + i, clock.instant(), in(TTL))).isEqualTo(Outcome.REVOKED);
    }
    assertThat(list.revoke("k4", clock.instant(), in(TTL))).isEqualTo(Outcome.FULL);
    assertThat(list.revokedFrom("k4")).isEmpty();
    for (int i = 0; i < 4; i++) {
      assertThat(list.revokedFrom("k" + i)).as("k%d", i).isPresent();
    }
  }
}
